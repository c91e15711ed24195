using System.Threading.Channels;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>Writes acknowledgement lines to stdout from one task, whole lines only, flushed as they come.</summary>
public sealed class AcknowledgementPrinter
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(); // multi-reader flavour: it supports Count

    public void Print(string line) => _lines.Writer.TryWrite(line);

    public async Task RunAsync()
    {
        await using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            await stdout.WriteLineAsync(line);
            if (_lines.Reader.Count == 0)
            {
                await stdout.FlushAsync();
            }
        }
    }
}
