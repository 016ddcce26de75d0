using OrleansMarketData.Gateway.Sockets;

namespace OrleansMarketData.Gateway.Tests;

public sealed class DeliveryCheckTests
{
    [Fact]
    public void A_version_published_but_still_not_received_one_check_later_means_the_subscription_is_lost()
    {
        var check = new DeliveryCheck();
        check.Received(10);
        Assert.False(check.IsLost(12));
        Assert.True(check.IsLost(14));
    }

    [Fact]
    public void A_batch_that_arrives_before_the_next_check_is_not_a_loss()
    {
        var check = new DeliveryCheck();
        check.Received(10);
        Assert.False(check.IsLost(12));
        check.Received(12);
        Assert.False(check.IsLost(15));
        check.Received(15);
        Assert.False(check.IsLost(15));
        Assert.False(check.IsLost(15));
    }

    [Fact]
    public void A_quiet_producer_is_not_a_loss_and_a_loss_is_reported_once()
    {
        var check = new DeliveryCheck();
        check.Received(10);
        for (var i = 0; i < 5; i++) Assert.False(check.IsLost(10));
        Assert.False(check.IsLost(11));
        Assert.True(check.IsLost(11));
        check.Received(11);
        Assert.False(check.IsLost(11));
    }

    [Fact]
    public void A_batch_whose_predecessor_was_not_received_shows_a_miss()
    {
        var check = new DeliveryCheck();
        check.Received(10);
        Assert.False(check.Missed(10));
        Assert.False(check.Missed(7));
        Assert.True(check.Missed(11));
    }
}
