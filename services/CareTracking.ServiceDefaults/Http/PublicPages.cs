using Microsoft.AspNetCore.Builder;

namespace CareTracking.ServiceDefaults.Http;

internal static class PublicPages
{
    /// <summary>Serves wwwroot (index.html at /) without a token, for a page that holds no data itself.</summary>
    public static void UsePublicPages(WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The page handles a bearer token: only its own scripts run, and no other site may frame it.
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
                file.Context.Response.Headers["Referrer-Policy"] = "no-referrer";
            },
        });
    }
}
