using System.Globalization;
using Orleans.Storage;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// Many concurrent writers, each owning a few grains, writing (and now and then clearing) forever through
/// Orleans' <see cref="IGrainStorage"/>, as grain activations do, and printing each write only after the
/// provider confirmed it. The crash test kills the process mid-stream.
/// </summary>
public static class CrashWorkload
{
    public static async Task RunAsync(IGrainStorage storage, int writers, int keysPerWriter)
    {
        var printer = new AcknowledgementPrinter();
        var printing = printer.RunAsync();
        printer.Print("READY");
        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteForeverAsync(storage, printer, writer, keysPerWriter)));

        // Nothing here ends normally: the first task to stop (by failing) takes the process down with its error.
        await await Task.WhenAny([printing, .. tasks]);
    }

    private static async Task WriteForeverAsync(IGrainStorage storage, AcknowledgementPrinter printer, int writer, int keysPerWriter)
    {
        var random = new Random(HashCode.Combine(writer, Environment.ProcessId));
        // One activation's view per grain: the state object and the ETag Orleans keeps between calls.
        var states = Enumerable.Range(0, keysPerWriter).Select(_ => new GrainState<CrashRecord>()).ToArray();
        for (var round = 0L; ; round++)
        {
            var slot = (int)(round % keysPerWriter);
            var key = CrashRecord.KeyFor(writer, slot);
            var state = states[slot];
            if (random.Next(20) == 0)
            {
                await storage.ClearStateAsync(CrashRecord.StateType, CrashRecord.GrainIdFor(key), state);
                printer.Print(new Acknowledgement(key, Etag(state), null).ToLine());
                continue;
            }

            state.State = CrashRecord.Create(key, Etag(state) + 1, RandomValue(random));
            await storage.WriteStateAsync(CrashRecord.StateType, CrashRecord.GrainIdFor(key), state);
            printer.Print(new Acknowledgement(key, Etag(state), state.State.Sha256).ToLine());
        }
    }

    // The project's providers issue decimal integer ETags (null before the first write).
    private static long Etag(GrainState<CrashRecord> state) =>
        state.ETag is null ? 0 : long.Parse(state.ETag, NumberStyles.None, CultureInfo.InvariantCulture);

    // Mostly small values, sometimes large ones that span many pages, so a torn write would show.
    private static string RandomValue(Random random)
    {
        var length = random.Next(50) == 0 ? random.Next(64_000, 256_000) : random.Next(16, 2_000);
        return string.Create(length, random, static (span, rng) =>
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éß漢🙂\"\\";
            for (var i = 0; i < span.Length; i++)
            {
                var c = alphabet[rng.Next(alphabet.Length)];
                span[i] = char.IsSurrogate(c) ? 'x' : c; // keep the string valid UTF-16
            }
        });
    }
}
