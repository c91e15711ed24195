namespace OrleansVm.Sandbox.Conversion;

internal enum JsonConversionFailure { Cycle, TooDeep, TooLarge, NotJson }

/// <summary>A script value could not become JSON; the caller turns it into the error code of its context.</summary>
internal sealed class JsonConversionException(JsonConversionFailure failure, string path, string message) : Exception(message)
{
    public JsonConversionFailure Failure { get; } = failure;
    public string Path { get; } = path;
}
