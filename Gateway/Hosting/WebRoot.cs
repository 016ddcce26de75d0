namespace OrleansMarketData.Gateway.Hosting;

/// <summary>The chart page's files: index.html and its assets, all at the top of the web root.</summary>
public static class WebRoot
{
    /// <summary>True for "/" and one-segment paths such as "/app.js": only those can name a file of the page.</summary>
    public static bool MayHold(PathString path) => path.Value is not { Length: > 1 } value || value.IndexOf('/', 1) < 0;
}
