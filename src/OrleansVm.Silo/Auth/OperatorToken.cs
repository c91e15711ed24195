using System.Security.Cryptography;
using System.Text;

namespace OrleansVm.Silo.Auth;

/// <summary>The cluster's operator token. <see cref="IsDevMode"/>: made by this silo and kept in the data directory.</summary>
public sealed class OperatorToken
{
    private readonly byte[] _hash;

    public OperatorToken(string value, bool isDevMode)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The operator token must not be empty.", nameof(value));
        Value = value;
        IsDevMode = isDevMode;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public string Value { get; }

    public bool IsDevMode { get; }

    /// <summary>Compares hashes in constant time, so neither content nor length leaks through timing.</summary>
    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
