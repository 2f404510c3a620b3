using CameraCloud.Edge.V720;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>The bound on 50s a camera gets for its 51s (§5.2 step 4): a few per start, and a rate at all times.</summary>
public sealed class ProbeAnswerBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Before_any_start_no_probe_is_answered()
    {
        var budget = new ProbeAnswerBudget();

        Assert.False(budget.TryTake(T0));
    }

    [Fact]
    public void A_start_answers_its_first_three_probes_and_no_more()
    {
        var budget = new ProbeAnswerBudget();
        budget.BeginStart();

        var answers = Enumerable.Range(0, 100).Count(i => budget.TryTake(T0 + TimeSpan.FromMilliseconds(i)));

        Assert.Equal(ProbeAnswerBudget.AnswersPerStart, answers);
        // However long the stream then runs, its exchange stays over.
        Assert.False(budget.TryTake(T0 + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void After_the_stream_stops_no_probe_is_answered()
    {
        var budget = new ProbeAnswerBudget();
        budget.BeginStart();
        Assert.True(budget.TryTake(T0));

        budget.EndStart();

        Assert.False(budget.TryTake(T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Starts_in_quick_succession_share_one_token_bucket()
    {
        var budget = new ProbeAnswerBudget();
        var answers = 0;
        for (int start = 0; start < 50; start++)
        {
            budget.BeginStart();
            answers += Enumerable.Range(0, 10).Count(_ => budget.TryTake(T0));
            budget.EndStart();
        }

        Assert.Equal(ProbeAnswerBudget.AnswersPerStart, answers);
    }

    [Fact]
    public void The_bucket_earns_one_answer_per_refill_interval_up_to_its_depth()
    {
        var budget = new ProbeAnswerBudget();
        budget.BeginStart();
        for (int i = 0; i < ProbeAnswerBudget.AnswersPerStart; i++)
        {
            Assert.True(budget.TryTake(T0));
        }

        budget.BeginStart();
        var almost = T0 + ProbeAnswerBudget.RefillInterval - TimeSpan.FromTicks(1);
        Assert.False(budget.TryTake(almost));
        Assert.True(budget.TryTake(T0 + ProbeAnswerBudget.RefillInterval));
        Assert.False(budget.TryTake(T0 + ProbeAnswerBudget.RefillInterval));

        // Long idle: the bucket is full again, but never deeper than one start's answers.
        budget.BeginStart();
        var later = T0 + TimeSpan.FromHours(1);
        var answers = Enumerable.Range(0, 10).Count(_ => budget.TryTake(later));
        Assert.Equal(ProbeAnswerBudget.AnswersPerStart, answers);
    }

    [Fact]
    public void A_clock_that_steps_back_earns_nothing()
    {
        var budget = new ProbeAnswerBudget();
        budget.BeginStart();
        for (int i = 0; i < ProbeAnswerBudget.AnswersPerStart; i++)
        {
            Assert.True(budget.TryTake(T0));
        }

        budget.BeginStart();
        Assert.False(budget.TryTake(T0 - TimeSpan.FromDays(1)));
        Assert.False(budget.TryTake(T0 - TimeSpan.FromDays(1) + ProbeAnswerBudget.RefillInterval - TimeSpan.FromTicks(1)));
        Assert.True(budget.TryTake(T0 - TimeSpan.FromDays(1) + ProbeAnswerBudget.RefillInterval));
    }
}
