export { OrleansVmClient, segment } from './client.js';
export type { OrleansVmClientOptions, CallOptions, FetchLike } from './client.js';
export { OrleansVmError, codeForStatus } from './errors.js';
export { SseParser } from './sse.js';
export type { SseMessage } from './sse.js';
export { subscribeToStream } from './stream.js';
export type {
  StreamHandlers,
  SubscribeOptions,
  StreamErrorInfo,
  StreamOpenInfo,
  Unsubscribe,
} from './stream.js';
export * from './models.js';
