using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests.Contract;

/// <summary>The contract test is only as good as its validator: it must reject what does not match.</summary>
public sealed class OpenApiSchemaValidatorTests
{
    private static readonly JsonObject Document = JsonNode.Parse("""
        {"components":{"schemas":{
          "Item":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"note":{"type":["null","string"]}}},
          "Items":{"type":"array","items":{"$ref":"#/components/schemas/Item"}}}}}
        """)!.AsObject();

    private static IReadOnlyList<string> Validate(string json) =>
        new OpenApiSchemaValidator(Document).Validate(JsonNode.Parse(json), JsonNode.Parse("""{"$ref":"#/components/schemas/Items"}""")!);

    [Fact]
    public void A_matching_value_passes() => Assert.Empty(Validate("""[{"id":"a"},{"id":"b","note":null},{"id":"c","note":"x"}]"""));

    [Theory]
    [InlineData("""[{"note":"x"}]""", "required 'id' is missing")]
    [InlineData("""[{"id":"a","extra":1}]""", "'extra' is sent but not in the schema")]
    [InlineData("""[{"id":1}]""", "$[0].id: integer where the schema says string")]
    [InlineData("""{"id":"a"}""", "object where the schema says array")]
    public void A_mismatch_is_reported(string json, string expected) =>
        Assert.Contains(Validate(json), e => e.Contains(expected, StringComparison.Ordinal));
}
