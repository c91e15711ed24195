using System.Security.Cryptography;
using System.Text;
using Jint.Native;
using Jint.Runtime;

namespace OrleansVm.Sandbox;

/// <summary><c>crypto.sha256(text)</c> lower-case hex; <c>crypto.randomId(n)</c> n characters of the nanoid alphabet from a CSPRNG.</summary>
public sealed class CryptoModule : NativeModule
{
    public const string NanoIdAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
    public const int MaxRandomIdLength = 1024;
    public const int DefaultRandomIdLength = 21;
    private const int MaxHashInputChars = 4 * 1024 * 1024;

    public override string Name => "crypto";
    public override string Doc => "sha256(text): hex digest; randomId(n = 21): random id from the nanoid alphabet";

    public override void Build(NativeModuleBuilder module)
    {
        module.Function("sha256", 1, args =>
        {
            var text = args.Length > 0 ? TypeConverter.ToString(args[0]) : "undefined";
            if (text.Length > MaxHashInputChars) throw module.Context.TypeError("sha256 input is too large");
            return new JsString(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        });
        module.Function("randomId", 1, args =>
        {
            var size = args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToInteger(args[0]) : DefaultRandomIdLength;
            if (size < 1 || size > MaxRandomIdLength)
                throw module.Context.TypeError($"randomId length must be between 1 and {MaxRandomIdLength}");
            return new JsString(RandomId((int)size));
        });
    }

    public static string RandomId(int size) => RandomNumberGenerator.GetString(NanoIdAlphabet, size);
}
