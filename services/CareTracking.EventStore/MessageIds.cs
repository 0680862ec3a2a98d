namespace CareTracking.EventStore;

public static class MessageIds
{
    /// <summary>A name-based (v5-style) id from a source id and a purpose, stable across retries.</summary>
    public static Guid Derive(Guid source, string purpose)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(
            [.. source.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(purpose)]);
        var id = bytes.AsSpan(0, 16).ToArray();
        id[7] = (byte)((id[7] & 0x0F) | 0x50);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id);
    }
}
