using System.Security.Cryptography;
using System.Text;

namespace CareTracking.ServiceDefaults.Privacy;

/// <summary>
/// Marks an event's string property as personal text (a reason, a reviewer's name, a postcode, a UPN), on the event or
/// on a record it holds: the command handler seals it with the child's data key before it is stored, and reads open
/// it (<see cref="Sealing"/>). Put it on a record's positional parameter as <c>[property: PersonalText]</c>. Only text
/// no SQL groups or filters on: a projection copies the sealed form, and whoever reads it opens it (the Indicators'
/// histories do, in the request that reads them).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalTextAttribute : Attribute;

/// <summary>
/// Personal text as stored: <c>ct-sealed:v1:{keyId}:{base64url(nonce | tag | ciphertext)}</c>, AES-256-GCM under the
/// child's data key, with the authority and key id as associated data (a sealed value moved to another authority
/// does not open). It stays a JSON string, so every reader of the event (the feed, Indicators, the 903 return) keeps
/// its shape and events stored before sealing (plain text) still read. Text written after the child's key was
/// erased is stored as <see cref="ErasedMarker"/>, and everything that no longer opens reads as <see cref="Erased"/>.
/// </summary>
public static class SealedText
{
    public const string Prefix = "ct-sealed:";
    private const string V1 = Prefix + "v1:";

    /// <summary>Stored instead of text when the child's key is already erased.</summary>
    public const string ErasedMarker = Prefix + "erased";

    /// <summary>What a read shows where the text was erased.</summary>
    public const string Erased = "[erased]";

    private const int NonceBytes = 12, TagBytes = 16;

    public static bool IsSealed(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key a sealed value was sealed with; null for plain text and <see cref="ErasedMarker"/>.</summary>
    public static Guid? KeyOf(string? text) =>
        text is not null && text.StartsWith(V1, StringComparison.Ordinal) && text.Length > V1.Length + 32
            && Guid.TryParseExact(text.AsSpan(V1.Length, 32), "N", out var id) ? id : null;

    public static string Seal(string authority, Guid keyId, ReadOnlySpan<byte> key, string text)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), Associated(authority, keyId));
        return $"{V1}{keyId:N}:{Base64Url(sealedBytes)}";
    }

    /// <summary>The text, or <see cref="Erased"/> when <paramref name="key"/> is null (erased, or not this authority's)
    /// or the value does not open with it. Plain text (stored before sealing) is returned as it is.</summary>
    public static string Open(string authority, string text, byte[]? key)
    {
        if (!IsSealed(text)) return text;
        if (key is null || KeyOf(text) is not { } keyId) return Erased;
        try
        {
            var sealedBytes = Convert.FromBase64String(FromBase64Url(text[(V1.Length + 33)..]));
            if (sealedBytes.Length < NonceBytes + TagBytes) return Erased;
            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain,
                Associated(authority, keyId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return Erased;
        }
    }

    private static byte[] Associated(string authority, Guid keyId) => Encoding.UTF8.GetBytes($"ct-sealed/v1/{authority}/{keyId:N}");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var b64 = text.Replace('-', '+').Replace('_', '/');
        return b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
    }
}
