using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Api.Contract;

/// <summary>Every error of the API: <c>{"error":{"code","message","details"?}}</c> (http-api.md, "Errors").</summary>
public sealed record ApiErrorEnvelope(ApiErrorBody Error);

/// <summary>The inside of the envelope; <c>details</c> is left out when there are none.</summary>
public sealed record ApiErrorBody(string Code, string Message, JsonObject? Details = null);
