using System.Diagnostics;
using Jint;
using Jint.Native;
using OrleansVm.Benchmarks.Support;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>sandbox-probe [iterations]</c>: a quick Stopwatch breakdown (median of 7 batches, µs per call) of what a
/// counter render costs in a bare Jint 4.18 engine, piece by piece. Exploratory (no profiler on this box);
/// the BenchmarkDotNet figures in SandboxBenchmarks are the reference.
/// </summary>
public static class SandboxProbeMode
{
    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
        var (engine, _) = CounterFixture.BareEngine();
        engine.Execute("var __props = " + CounterFixture.PropsJson + ";");
        engine.Execute("""
            var __probes = {
              empty: function () { },
              callEmpty: function () { return __copy.nothing(); },
              callEmpty1Arg: function () { return __copy.nothing(1); },
              render: function (p) { return __plugin.widgets.counter.render(p); },
              concatString: function () { return 'Counter: ' + 'x'; },
              concatInt: function () { return 'Counter: ' + 4; },
              numberToString: function () { return String(12); },
              numberToStringFraction: function () { return String(1.5); },
              number: function () { return Number(4); },
              isFinite: function () { return isFinite(4); },
              objectLiteral: function () { return { kind: 'text', text: 'x' }; },
              arrayLiteral: function () { return [1, 2, 3]; },
              uiText: function () { return __ui.text('Counter: 4'); },
              uiButton: function () { return __ui.button('Reset', { onClick: { handler: 'reset' }, variant: 'destructive' }); },
              forInHasOwn: function () { var o = { a: 1, b: 2 }, n = 0; for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++; return n; },
              readState: function (p) { return p.globalState && p.globalState.shared; },
              copyRender: function (p) { return __copy.render(p, true, true); },
              copyRenderNoButtons: function (p) { return __copy.render(p, false, true); },
              copyRenderNoBadges: function (p) { return __copy.render(p, true, false); },
              copyRenderPlainButtons: function (p) { return __copy.renderPlain(p); },
              summary: function (p) { return __copy.summary(p.globalState); },
              toNumberUndefined: function () { return __copy.toNumber(undefined); },
              toNumber12: function () { return __copy.toNumber(12); }
            };
            var __copy = (function (ui) {
              function toNumber(value) { var n = Number(value); return isFinite(n) ? n : 0; }
              function currentValue(state) { return toNumber(state && state.value); }
              function counterSummary(globalState) { var shared = (globalState && globalState.shared) || {}; return shared['counter-summary'] || {}; }
              function plainButton(label, props) { props.label = String(label); return { kind: 'button', props: props }; }
              return {
                toNumber: toNumber, summary: counterSummary, nothing: function () { },
                render: function (props, buttons, badges) {
                  var summary = counterSummary(props.globalState);
                  return ui.panel([
                    ui.text('Counter: ' + currentValue(props.pluginState)),
                    badges ? ui.row([ ui.badge('Shared total: ' + toNumber(summary.totalValue)), ui.badge('Instances: ' + toNumber(summary.instanceCount)) ]) : null,
                    buttons ? ui.row([
                      ui.button('Decrement', { onClick: { handler: 'decrement' } }),
                      ui.button('Reset', { onClick: { handler: 'reset' }, variant: 'destructive' }),
                      ui.button('Increment', { onClick: { handler: 'increment' } }) ]) : null ]);
                },
                renderPlain: function (props) {
                  var summary = counterSummary(props.globalState);
                  return ui.panel([
                    ui.text('Counter: ' + currentValue(props.pluginState)),
                    ui.row([ ui.badge('Shared total: ' + toNumber(summary.totalValue)), ui.badge('Instances: ' + toNumber(summary.instanceCount)) ]),
                    ui.row([
                      plainButton('Decrement', { onClick: { handler: 'decrement' } }),
                      plainButton('Reset', { onClick: { handler: 'reset' }, variant: 'destructive' }),
                      plainButton('Increment', { onClick: { handler: 'increment' } }) ]) ]);
                }
              };
            })(__ui);
            """);
        var probes = engine.GetValue("__probes").AsObject();
        var props = engine.GetValue("__props");

        Console.WriteLine($"sandbox-probe: bare Jint engine, {iterations} calls per batch, median of 7 batches");
        Console.WriteLine("| Probe (bare Jint Engine.Invoke) | µs per call | bytes allocated per call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var name in probes.GetOwnProperties().Select(p => p.Key).ToList())
        {
            var fn = probes.Get(name);
            var micros = Measure(() => engine.Invoke(fn, props), iterations);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++) engine.Invoke(fn, props);
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
            Console.WriteLine($"| {name} | {micros:F2} | {bytes:N0} |");
        }
        // Does a call get slower the more calls the engine has made? (batch times in order)
        var render = probes.Get("copyRender");
        var fresh = CounterFixture.BareEngine();
        Console.WriteLine();
        Console.Write("copyRender batch medians in order on the same engine (µs):");
        for (var b = 0; b < 8; b++) Console.Write($" {Measure(() => engine.Invoke(render, props), iterations):F0}");
        Console.WriteLine();
        Console.Write("fresh engine, counter render, batch medians in order (µs):");
        for (var b = 0; b < 8; b++) Console.Write($" {Measure(() => fresh.Engine.Invoke(fresh.Render, props), iterations):F0}");
        Console.WriteLine();
        return Task.FromResult(0);
    }

    private static double Measure(Func<JsValue> call, int iterations)
    {
        for (var i = 0; i < 200; i++) call();
        var batches = new double[7];
        for (var b = 0; b < batches.Length; b++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) call();
            batches[b] = watch.Elapsed.TotalMicroseconds / iterations;
        }
        Array.Sort(batches);
        return batches[batches.Length / 2];
    }
}
