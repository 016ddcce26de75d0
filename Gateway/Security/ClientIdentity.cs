namespace OrleansMarketData.Gateway.Security;

/// <summary>The outcome of checking a request's key: whether it may be served, and the client it counts against.</summary>
public sealed record ClientIdentity(bool Allowed, string Client);
