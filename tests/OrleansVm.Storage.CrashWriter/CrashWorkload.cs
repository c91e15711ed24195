namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// Many concurrent writers, each owning a few keys, writing (and now and then clearing) forever and
/// printing each write only after the provider confirmed it. The crash test kills the process mid-stream.
/// </summary>
public static class CrashWorkload
{
    public static async Task RunAsync(IGrainStateStore storage, int writers, int keysPerWriter)
    {
        var printer = new AcknowledgementPrinter();
        var printing = printer.RunAsync();
        printer.Print("READY");
        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteForeverAsync(storage, printer, writer, keysPerWriter)));

        // Nothing here ends normally: the first task to stop (by failing) takes the process down with its error.
        await await Task.WhenAny([printing, .. tasks]);
    }

    private static async Task WriteForeverAsync(IGrainStateStore storage, AcknowledgementPrinter printer, int writer, int keysPerWriter)
    {
        var random = new Random(HashCode.Combine(writer, Environment.ProcessId));
        var etags = new long[keysPerWriter];
        for (var round = 0L; ; round++)
        {
            var slot = (int)(round % keysPerWriter);
            var key = CrashRecord.KeyFor(writer, slot);
            if (random.Next(20) == 0)
            {
                etags[slot] = await storage.ClearAsync(CrashRecord.StateType, key, etags[slot]);
                printer.Print(new Acknowledgement(key, etags[slot], null).ToLine());
                continue;
            }

            var record = CrashRecord.Create(key, etags[slot] + 1, RandomValue(random));
            etags[slot] = await storage.WriteAsync(CrashRecord.StateType, key, record.ToJson(), etags[slot]);
            printer.Print(new Acknowledgement(key, etags[slot], record.Sha256).ToLine());
        }
    }

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
