using System;
using System.Globalization;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(GumloopRequestKind.Idempotent, 429, true)]
    [InlineData(GumloopRequestKind.Idempotent, 502, true)]
    [InlineData(GumloopRequestKind.Idempotent, 503, true)]
    [InlineData(GumloopRequestKind.Idempotent, 504, true)]
    [InlineData(GumloopRequestKind.Idempotent, 500, false)]
    [InlineData(GumloopRequestKind.Idempotent, 409, false)]
    [InlineData(GumloopRequestKind.MessageCreating, 429, true)]
    [InlineData(GumloopRequestKind.MessageCreating, 502, false)]
    [InlineData(GumloopRequestKind.MessageCreating, 503, false)]
    [InlineData(GumloopRequestKind.MessageCreating, 504, false)]
    [InlineData(GumloopRequestKind.Other, 429, true)]
    [InlineData(GumloopRequestKind.Other, 503, false)]
    public void StatusRetryTable(GumloopRequestKind kind, int status, bool expected)
    {
        Assert.Equal(expected, RetryPolicy.ShouldRetryStatus(kind, status));
    }

    [Theory]
    [InlineData(GumloopRequestKind.Idempotent, true, true)]
    [InlineData(GumloopRequestKind.Idempotent, false, true)]
    [InlineData(GumloopRequestKind.MessageCreating, false, true)]
    [InlineData(GumloopRequestKind.MessageCreating, true, false)]
    [InlineData(GumloopRequestKind.Other, true, false)]
    public void ConnectionFailureRetryTable(GumloopRequestKind kind, bool sent, bool expected)
    {
        Assert.Equal(expected, RetryPolicy.ShouldRetryConnectionFailure(kind, sent));
    }

    [Fact]
    public void ParsesRetryAfterForms()
    {
        var now = new DateTimeOffset(2026, 9, 14, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(120), RetryPolicy.ParseRetryAfter("120", now));
        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryPolicy.ParseRetryAfter("1.5", now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter("Mon, 14 Sep 2026 16:30:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter(now.AddMinutes(-1).ToString("r", CultureInfo.InvariantCulture), now));
        Assert.Null(RetryPolicy.ParseRetryAfter("soon", now));
        Assert.Null(RetryPolicy.ParseRetryAfter("-5", now));
        Assert.Null(RetryPolicy.ParseRetryAfter(null, now));
        Assert.Null(RetryPolicy.ParseRetryAfter("  ", now));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(10, 60.0)]
    [InlineData(1000, 60.0)]
    public void BackoffCeilingDoublesUpToTheCap(int retryIndex, double ceiling)
    {
        TimeSpan max = TimeSpan.FromSeconds(60);
        Assert.Equal(ceiling, RetryPolicy.ComputeDelay(retryIndex, null, max, 1.0).TotalSeconds, 6);
        Assert.Equal(0, RetryPolicy.ComputeDelay(retryIndex, null, max, 0.0).TotalSeconds, 6);
        Assert.Equal(ceiling / 4, RetryPolicy.ComputeDelay(retryIndex, null, max, 0.25).TotalSeconds, 6);
    }

    [Fact]
    public void RetryAfterBeatsBackoffButNotTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(9), RetryPolicy.ComputeDelay(0, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60), 0.1));
        Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.ComputeDelay(0, TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), 0.1));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ComputeDelay(0, TimeSpan.FromSeconds(-3), TimeSpan.FromSeconds(60), 0.1));
    }
}
