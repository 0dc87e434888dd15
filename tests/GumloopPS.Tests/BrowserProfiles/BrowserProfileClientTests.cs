using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.BrowserProfiles;

/// <summary>Browser profile reads and cookie imports: the request shapes, and cookie values kept out of every message.</summary>
public class BrowserProfileClientTests
{
    private const string Secret = "s3cr3t-cookie-value-7f2a";
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonList Cookies(params (string Name, string Value, string Domain)[] cookies) =>
        GumloopBrowserProfileClient.ParseCookieFile(
            JsonSerializer.Serialize(cookies.Select(c => new { name = c.Name, value = c.Value, domain = c.Domain, path = "/" })), "cookies.json");

    [Fact]
    public async Task Profiles_are_listed_personal_by_default_and_for_a_team_with_team_id()
    {
        using var ctx = new SimClient();

        var personal = await ctx.Client.ListBrowserProfilesAsync(null, None);
        var team = await ctx.Client.ListBrowserProfilesAsync(ctx.Sim.TeamId, None);

        var profile = Assert.Single(personal);
        Assert.Equal("bprof_5Vx1Nq", profile.ProfileId);
        Assert.Equal("personal", profile.OwnerScope);
        Assert.Null(profile.TeamId);
        Assert.Equal(36, profile.CookieCount);
        Assert.Equal("app.hubspot.com (14); mail.google.com (22)", profile.Sites.ToString());
        Assert.Equal("team", Assert.Single(team).OwnerScope);
        Assert.Equal(ctx.Sim.TeamId, team[0].TeamId);
        Assert.DoesNotContain("team_id", ctx.ApiLog[0].Query, StringComparison.Ordinal);
        Assert.Contains("team_id=" + ctx.Sim.TeamId, ctx.ApiLog[1].Query, StringComparison.Ordinal);
        var forbidden = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ListBrowserProfilesAsync("tm_not_mine", None));
        Assert.Equal(403, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_import_sends_the_cookies_url_and_team_id_in_the_body_and_reports_what_was_kept()
    {
        using var ctx = new SimClient();
        var cookies = Cookies(("SID", Secret, ".mail.google.com"), ("NID", "other-value", "www.example.com"));

        var result = await ctx.Client.ImportBrowserCookiesAsync("default", cookies, "https://mail.google.com/mail", ctx.Sim.TeamId, None);

        var sent = ctx.ApiLog.Single();
        Assert.EndsWith("/browser-profiles/default/cookies", sent.Path, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("https://mail.google.com/mail", body.RootElement.GetProperty("url").GetString());
        Assert.Equal(ctx.Sim.TeamId, body.RootElement.GetProperty("team_id").GetString());
        Assert.Equal(Secret, body.RootElement.GetProperty("cookies")[0].GetProperty("value").GetString());
        Assert.Equal("mail.google.com", result.Site);
        Assert.Equal(1, result.CookieCount);
        Assert.Equal(1, result.Skipped);
        Assert.Equal("team", result.Profile!.OwnerScope);
        Assert.Contains(result.Profile.Sites, s => s.Domain == "mail.google.com" && s.CookieCount == 1);
        Assert.DoesNotContain(Secret, result.GetRawJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_value_the_service_quotes_back_in_an_error_is_masked()
    {
        using var ctx = new SimClient();
        string body = "{\"error\":{\"code\":\"invalid_request\",\"message\":\"Cookie SID=" + Secret + " is malformed\",\"type\":\"invalid_request_error\",\"param\":\"cookies[0]\",\"details\":{\"cookie\":\"" + Secret + "\"}}}";
        ctx.Sim.AddFault(new FaultRule("POST", "/browser-profiles/*", SimulatorFault.Status(400, body)));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.ImportBrowserCookiesAsync("default", Cookies(("SID", Secret, "mail.google.com")), null, null, None));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.Equal("cookies[0]", ex.Param);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ApiMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ResponseBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Details!.ToString(), StringComparison.Ordinal);
        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ctx.Log.All, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cookie_file_that_is_not_a_cookie_list_is_refused_without_quoting_it()
    {
        var bad = Assert.Throws<ArgumentException>(() => GumloopBrowserProfileClient.ParseCookieFile("[{\"name\":\"SID\",\"value\":\"" + Secret + "\" oops", "c.json"));
        Assert.DoesNotContain(Secret, bad.Message, StringComparison.Ordinal);
        Assert.Contains("c.json", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GumloopBrowserProfileClient.ParseCookieFile("{\"other\":1}", "c.json"));
        Assert.Throws<ArgumentException>(() => GumloopBrowserProfileClient.ParseCookieFile("[]", "c.json"));
        Assert.Throws<ArgumentException>(() => GumloopBrowserProfileClient.ParseCookieFile("[\"" + Secret + "\"]", "c.json"));

        var wrapped = GumloopBrowserProfileClient.ParseCookieFile("{\"cookies\":[{\"name\":\"a\",\"value\":\"b\",\"domain\":\".Example.com\"}]}", "c.json");
        Assert.Single(wrapped);
        Assert.Equal(new[] { "Example.com" }, GumloopBrowserProfileClient.CookieDomains(wrapped));
    }

    [Fact]
    public async Task An_unknown_profile_is_a_404_and_cookies_without_use_are_a_400()
    {
        using var ctx = new SimClient();

        var missing = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ImportBrowserCookiesAsync("bprof_nope", Cookies(("a", "b", "x.com")), null, null, None));
        var unusable = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ImportBrowserCookiesAsync("default", Cookies(("a", "b", "x.com")), "https://mail.google.com", null, None));

        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("browser_profile_not_found", missing.ErrorCode);
        Assert.Equal(400, unusable.StatusCode);
        Assert.Equal("cookies", unusable.Param);
    }
}
