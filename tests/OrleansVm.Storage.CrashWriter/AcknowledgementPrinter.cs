using System.Threading.Channels;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>Writes acknowledgement lines to stdout from one task, whole lines only, flushed as they come.</summary>
public sealed class AcknowledgementPrinter
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(); // multi-reader flavour: it supports Count

    public void Print(string line) => lines.Writer.TryWrite(line);

    public async Task RunAsync()
    {
        await using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        await foreach (var line in lines.Reader.ReadAllAsync())
        {
            await stdout.WriteLineAsync(line);
            if (lines.Reader.Count == 0)
            {
                await stdout.FlushAsync();
            }
        }
    }
}
