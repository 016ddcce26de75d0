namespace OrleansMarketData.Storage;

/// <summary>
/// The store can never be used as it is: a file that is not a SQLite database or cannot be created, a schema
/// written by a newer build. Start-up fails with it; the message names the path or the version, never a password.
/// </summary>
public sealed class BarStoreUnusableException(string message, Exception? inner = null) : Exception(message, inner);
