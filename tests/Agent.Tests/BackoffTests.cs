using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan[] Steps =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30)];

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20261121)]
    public void Delays_double_from_one_second_to_the_cap_each_between_half_and_all_of_its_step(int seed)
    {
        var backoff = new Backoff(new Random(seed));

        for (var i = 0; i < 20; i++)
        {
            var step = Steps[Math.Min(i, Steps.Length - 1)];
            var delay = backoff.Next();
            Assert.InRange(delay, step / 2, step);
        }
    }

    [Fact]
    public void The_first_delay_is_between_half_a_second_and_a_second()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            Assert.InRange(new Backoff(new Random(seed)).Next(), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void Delays_are_spread_not_all_equal()
    {
        var delays = Enumerable.Range(0, 50).Select(seed => new Backoff(new Random(seed)).Next()).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct first delays out of 50");
    }

    [Fact]
    public void A_session_of_a_minute_resets_to_the_first_step_and_a_shorter_one_does_not()
    {
        var backoff = new Backoff(new Random(7));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        backoff.SessionEnded(TimeSpan.FromSeconds(59));
        Assert.Equal(Backoff.Cap, backoff.Step);
        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));

        backoff.SessionEnded(TimeSpan.FromSeconds(60));
        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Saturate_jumps_to_the_cap()
    {
        var backoff = new Backoff(new Random(3));

        backoff.Saturate();

        Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }
}
