namespace OrleansMarketData.Sources.Alpaca;

/// <summary>An Alpaca REST request failed. The message says what and never carries a key or secret.</summary>
public sealed class AlpacaRequestException(string message, int? status = null) : Exception(message)
{
    public int? Status { get; } = status;

    public bool IsAuthFailure => Status is 401 or 403;
}
