using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Reliability;
using StbImageSharp;
using Xunit;

namespace GumloopPS.Tests.Transcripts;

/// <summary>
/// The exported page rendered by a real browser (Debian's chromium, headless). .ci/run installs chromium when it is
/// missing, so its absence here is a failure, never a skip.
/// </summary>
public sealed class HtmlBrowserRenderTests : IAsyncLifetime
{
    private const int Width = 1000;
    private const int Height = 1400;

    private readonly SimClient _sim = new SimClient();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gumloopps-render-" + Guid.NewGuid().ToString("n"));
    private List<Session> _sessions = new List<Session>();
    private string _page = string.Empty;

    public async Task InitializeAsync()
    {
        _sessions = await TranscriptTestSupport.DemoSessionsAsync(_sim);
        Directory.CreateDirectory(_dir);
        _page = Path.Combine(_dir, "transcript.html");

        // The demo conversation first, so it is what the screenshot's viewport shows.
        File.WriteAllText(_page, TranscriptTestSupport.Render(TranscriptFormat.Html, _sessions.AsEnumerable().Reverse()));
    }

    public Task DisposeAsync()
    {
        _sim.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void ScreenshotIsARealPageNotABlankOne()
    {
        string png = Path.Combine(_dir, "shot.png");
        RunChromium($"--window-size={Width},{Height}", "--hide-scrollbars", "--screenshot=" + png, new Uri(_page).AbsoluteUri);
        Assert.True(File.Exists(png), "chromium wrote no screenshot");

        ImageResult image = ImageResult.FromMemory(File.ReadAllBytes(png), ColorComponents.RedGreenBlue);
        Assert.Equal(Width, image.Width);
        Assert.Equal(Height, image.Height);

        // A blank or failed render is one colour (or nearly); a transcript has a background, cards, borders and text.
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < image.Data.Length; i += 3)
        {
            int rgb = (image.Data[i] << 16) | (image.Data[i + 1] << 8) | image.Data[i + 2];
            counts[rgb] = counts.TryGetValue(rgb, out int n) ? n + 1 : 1;
        }

        int pixels = image.Width * image.Height;
        int background = counts.Values.Max();
        Assert.True(counts.Count > 50, $"only {counts.Count} distinct colours");
        Assert.True(pixels - background > pixels / 10, $"{pixels - background} of {pixels} pixels differ from the background");

        // Text is dark on light cards: plenty of pixels are far darker than the page.
        int dark = 0;
        for (int i = 0; i < image.Data.Length; i += 3)
        {
            if (image.Data[i] + image.Data[i + 1] + image.Data[i + 2] < 300)
            {
                dark++;
            }
        }

        Assert.True(dark > 2000, $"only {dark} dark pixels: no visible text");
    }

    [Fact]
    public void RenderedDomHoldsTheConversation()
    {
        string dom = RunChromium("--dump-dom", new Uri(_page).AbsoluteUri);
        Assert.Contains("<article", dom, StringComparison.Ordinal);
        Assert.Equal(_sessions.Sum(s => s.Messages.Count), dom.Split("<article").Length - 1);
        foreach (Message message in _sessions.SelectMany(s => s.Messages))
        {
            string text = message.Text!.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            Assert.Contains(text, dom, StringComparison.Ordinal);
        }

        Assert.Contains("Northwind renewal (demo)", dom, StringComparison.Ordinal);
        Assert.Contains("hubspot_get_company", dom, StringComparison.Ordinal);
    }

    private string RunChromium(params string[] arguments)
    {
        string chromium = FindChromium()
            ?? throw new Xunit.Sdk.XunitException("chromium is not installed; .ci/run installs Debian's chromium package (apt-get install -y chromium) before the tests.");
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // --no-sandbox: CI runs as root, where chromium refuses its sandbox. A profile of our own keeps parallel runs apart.
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Path.Combine(_dir, "profile-" + Guid.NewGuid().ToString("n")) }.Concat(arguments))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("chromium did not finish within 120 s.");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    private static string? FindChromium()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
