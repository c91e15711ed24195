namespace OrleansVm.Sandbox;

/// <summary>Receives <c>console.log/info/warn/error</c> lines; level is "log", "info", "warn" or "error".</summary>
public interface IPluginLog
{
    void Write(string level, string message);
}
