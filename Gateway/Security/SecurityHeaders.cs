namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// Headers that keep browsers from misusing the gateway's answers: no content sniffing, no framing, no referrer,
/// and a content policy that lets the chart page load only its own script and connect only back here ('self'
/// matches the page's own host on ws: and wss: as well, in browsers that follow CSP Level 3). The Orleans
/// dashboard's page runs inline scripts, so it goes without the content policy.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Scalar's page at /docs starts itself with an inline module script; everything else it loads must still come
    /// from this gateway, which also keeps it off any CDN.
    /// </summary>
    private const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = DocsPolicy;
        else if (!context.Request.Path.StartsWithSegments("/dashboard")) headers.ContentSecurityPolicy = ContentPolicy;
        return next(context);
    });
}
