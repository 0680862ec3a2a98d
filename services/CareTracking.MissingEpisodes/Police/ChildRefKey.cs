using System.Security.Cryptography;
using System.Text;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// The child reference a police force sees in an alert (issue 10, item 11): a pseudonym, not the case system's
/// child id. Each force has its own key, derived from one secret that only the Missing-episodes service holds
/// (HMAC-SHA256 of the force's name); the reference is HMAC-SHA256, under that force's key, of the authority and
/// the child id, cut to 128 bits. So one force always sees the same reference for the same child (it can link a
/// child's episodes, as the missing-persons protocol needs), two forces see unrelated references (they cannot
/// join their records on it), and nobody without the secret can turn a reference back into a child id or make
/// one for a child id. The authority finds the child from the alert's episode id, never from the reference.
/// The same secret makes the id of an episode the client did not name (<see cref="EpisodeIdFor"/>), which is also in
/// every alert: derived without a secret, from the child id and the last-seen instant (both known to the force but
/// the id), a force could try the authority's child ids until one gave the episode id.
/// </summary>
public sealed class ChildRefKey
{
    /// <summary>At least 256 bits, as HMAC-SHA256 wants.</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>Known to everyone who has the source: for Development and Testing only (see
    /// <see cref="PoliceForcesSetting"/>, which refuses to run without a real secret elsewhere).</summary>
    public static ChildRefKey Development { get; } =
        new(SHA256.HashData(Encoding.UTF8.GetBytes("CareTracking development child-ref secret; not a secret")), isDevelopment: true);

    private readonly byte[] secret;

    private ChildRefKey(byte[] secret, bool isDevelopment)
    {
        if (secret.Length < MinimumSecretBytes)
            throw new ArgumentException($"The child-ref secret must be at least {MinimumSecretBytes} bytes.", nameof(secret));
        this.secret = secret;
        IsDevelopment = isDevelopment;
    }

    public bool IsDevelopment { get; }

    public static ChildRefKey FromSecret(byte[] secret) =>
        secret.AsSpan().SequenceEqual(Development.secret) ? Development : new ChildRefKey(secret, isDevelopment: false);

    /// <summary>The reference <paramref name="force"/> sees for <paramref name="authority"/>'s child
    /// <paramref name="childId"/>: 32 lower-case hex digits.</summary>
    public string For(string force, string authority, string childId)
    {
        var forceKey = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"police-child-ref/v1/{force}"));
        // The authority is an LA code (digits), so the colon cannot be part of it and no two pairs give one input.
        var mac = HMACSHA256.HashData(forceKey, Encoding.UTF8.GetBytes($"{authority}:{childId}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>The id of an episode the client did not name: one per child and last-seen instant, so a retried
    /// report lands on the same episode instead of opening a second; keyed, so that it tells nobody without the
    /// secret which child it is (a UUID of version 8, made of 122 bits of an HMAC).</summary>
    public Guid EpisodeIdFor(string authority, string childId, DateTimeOffset lastSeenAt)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"episode-id/v1/{authority}:{childId}/{lastSeenAt.UtcTicks}"));
        var bytes = mac.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
