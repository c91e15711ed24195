using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>The guarded built-ins still behave as specified for ordinary input.</summary>
public class BuiltinSemanticsTests
{
    private static string Eval(string expression) =>
        Load(With(renderBody: $"return ui.text(String({expression}));")).Render("w", null, Global())["text"]!.GetValue<string>();

    [Theory]
    [InlineData("[3, 1, 10, 2].sort()", "1,10,2,3")]
    [InlineData("[3, 1, 10, 2].sort(function (a, b) { return a - b; })", "1,2,3,10")]
    [InlineData("[{k: 1, v: 'a'}, {k: 0, v: 'b'}, {k: 1, v: 'c'}].sort(function (a, b) { return a.k - b.k; }).map(function (x) { return x.v; })", "b,a,c")]
    [InlineData("(function () { var a = [3, undefined, 1]; a[5] = 0; a.sort(); return a.length + ':' + a.join('|') + ':' + (4 in a); })()", "6:0|1|3|||:false")]
    [InlineData("[1, [2, [3]]].join('-')", "1-2,3")]
    [InlineData("[1, null, undefined, 'x'].toString()", "1,,,x")]
    [InlineData("JSON.stringify({ a: [1, 'x', null, true, undefined, function () {}], b: undefined, d: new Date(0), n: NaN })", "{\"a\":[1,\"x\",null,true,null,null],\"d\":\"1970-01-01T00:00:00.000Z\",\"n\":null}")]
    [InlineData("JSON.stringify({ a: 1, b: [2] }, null, 2)", "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}")]
    [InlineData("JSON.stringify({ a: 1, b: 2, c: 3 }, ['a', 'c'])", "{\"a\":1,\"c\":3}")]
    [InlineData("JSON.stringify({ a: 1, b: 'x' }, function (k, v) { return typeof v === 'number' ? v * 2 : v; })", "{\"a\":2,\"b\":\"x\"}")]
    [InlineData("JSON.stringify('q\"\\n\\u0001')", "\"q\\\"\\n\\u0001\"")]
    [InlineData("(function () { try { var o = {}; o.o = o; JSON.stringify(o); } catch (e) { return e.name; } })()", "TypeError")]
    [InlineData("JSON.parse('{\"a\":[1,2,{\"b\":null}]}').a[2].b", "null")]
    [InlineData("'a,b,,c'.split(',').length", "4")]
    [InlineData("'aXbX'.replace(/X/g, '-')", "a-b-")]
    [InlineData("'abc'.match(/b/)[0] + 'abc'.search('c')", "b2")]
    [InlineData("/a+/g.test('caat') + ':' + /(\\d+)/.exec('x42')[1]", "true:42")]
    [InlineData("Math.max.apply(null, [1, 5, 3])", "5")]
    [InlineData("(function () { var f = function (a, b) { return this.x + a + b; }.bind({ x: 1 }, 2); return f(3); })()", "6")]
    [InlineData("'ab'.concat('c', 1)", "abc1")]
    [InlineData("encodeURIComponent('a b\u20ac') + encodeURI('/x y')", "a%20b%E2%82%AC/x%20y")]
    [InlineData("[1, 2, 3].map(function (x) { return x * 2; }).filter(function (x) { return x > 2; }).reduce(function (a, b) { return a + b; })", "10")]
    [InlineData("[1, 2, 3].indexOf(2) + [1, 2, 3].lastIndexOf(3) + [1, 2].concat([3], 4).length", "7")]
    [InlineData("(function () { var a = []; a.push(1, 2); a.pop(); return a.length; })()", "1")]
    public void Behaves_like_es5(string expression, string expected) => Assert.Equal(expected, Eval(expression));
}
