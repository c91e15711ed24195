// Fails when src/generated/api.ts is not what openapi-typescript makes of openapi/v1.json, the
// silo's document (a .NET test, OpenApiDocumentTests, keeps that copy equal to the served one).
// Fix: `npm run generate`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'orleansvm-contract-'));
try {
  const fresh = join(dir, 'api.ts');
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'openapi/v1.json', '-o', fresh], { stdio: 'pipe' });
  if (readFileSync(fresh, 'utf8') !== readFileSync('src/generated/api.ts', 'utf8')) {
    console.error('src/generated/api.ts is out of date with openapi/v1.json: run `npm run generate`.');
    process.exit(1);
  }
  console.log('src/generated/api.ts matches openapi/v1.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
