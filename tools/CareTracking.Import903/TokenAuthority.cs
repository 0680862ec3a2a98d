using System.Text;
using System.Text.Json;

namespace CareTracking.Import903;

/// <summary>The authority (LA code) a bearer token is bound to: its <c>authority</c> claim. The services verify
/// the token; this only reads it, to name the event ids.</summary>
public static class TokenAuthority
{
    public static string? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return json.RootElement.TryGetProperty("authority", out var authority) ? authority.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException) { return null; }
    }
}
