using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// Chat completions (API.md 10.6, 9.2). Every call goes to the stream host, unary ones too: the REST host has no
/// handler for them. A completion spends credits, so nothing here is ever re-sent after it may have reached the
/// service (<see cref="GumloopRequestKind.MessageCreating"/>).
/// </summary>
public static class GumloopChatClient
{
    /// <summary>Largest image the service accepts (JPEG, PNG, GIF or WebP, at most 20 MB).</summary>
    public const long MaxImageBytes = 20L * 1024 * 1024;

    /// <summary>The SDK's timeout for calls to the stream host, used when neither the call nor the connection chose one.</summary>
    internal static readonly TimeSpan StreamHostTimeout = TimeSpan.FromSeconds(3600);

    private static readonly string[] ImageTypes = { "image/jpeg", "image/png", "image/gif", "image/webp" };

    /// <summary>Creates a completion and waits for the whole reply (POST {stream base}/chat/completions).</summary>
    public static async Task<ChatCompletion> CreateChatCompletionAsync(this GumloopClient client, ChatCompletionRequest request, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        Check(request);
        var http = new GumloopRequest(HttpMethod.Post, "chat/completions")
        {
            Body = request.ToBody(stream: false),
            UseStreamHost = true,
            Kind = GumloopRequestKind.MessageCreating,
            Timeout = client.ChatTimeout(),
        };
        using GumloopResponse response = await client.SendAsync(http, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, "choices", out JsonElement choices) || choices.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a 'choices' list");
        }

        return ChatCompletion.FromJson(root, request.Messages);
    }

    /// <summary>
    /// Creates a completion and streams it: each chunk's delta goes to <paramref name="onDelta"/> (on a thread-pool
    /// thread, in order) as it arrives, and the assembled completion, whose Text is the deltas joined, is returned
    /// after <c>data: [DONE]</c>.
    /// </summary>
    /// <exception cref="GumloopChatStreamException">The stream carried an error chunk.</exception>
    /// <exception cref="GumloopApiException">The request was refused before streaming began (402, 400, ...).</exception>
    public static Task<ChatCompletion> StreamChatCompletionAsync(
        this GumloopClient client, ChatCompletionRequest request, Action<ChatCompletionDelta> onDelta, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (onDelta == null)
        {
            throw new ArgumentNullException(nameof(onDelta));
        }

        Check(request);
        var http = new GumloopRequest(HttpMethod.Post, "chat/completions")
        {
            Body = request.ToBody(stream: true),
            UseStreamHost = true,
            Kind = GumloopRequestKind.MessageCreating,
            Timeout = client.ChatTimeout(),
        };
        return client.RunChatStreamAsync(http, request.Messages, onDelta, ct);
    }

    /// <summary>
    /// A local image as a <c>data:</c> URL. Only JPEG, PNG, GIF and WebP up to <see cref="MaxImageBytes"/> are
    /// accepted, checked before the file is read, so nothing is sent for an image the service would refuse.
    /// </summary>
    /// <exception cref="GumloopFileException">Missing, not a regular file, unreadable, too large (TooLarge) or not an
    /// image type the service takes (NotRegularFile is not used for that: the problem is Unreadable with an
    /// <see cref="InvalidDataException"/> inside).</exception>
    public static string ImageDataUrl(string path)
    {
        FileInfo info = LocalFileKind.RequireRegularFile(path);
        string mediaType = MediaTypes.FromFileName(info.Name);
        if (Array.IndexOf(ImageTypes, mediaType) < 0)
        {
            throw new GumloopFileException(
                $"'{path}' is not a JPEG, PNG, GIF or WebP image (by its extension); chat completions take only those. Nothing was sent.",
                path,
                GumloopFileProblem.Unreadable,
                new InvalidDataException("Unsupported image type " + mediaType + "."));
        }

        if (info.Length > MaxImageBytes)
        {
            throw new GumloopFileException(
                string.Format(CultureInfo.InvariantCulture, "The image '{0}' is {1:0.#} MB; chat completions accept images of at most {2} MB. Nothing was sent.", path, info.Length / (1024.0 * 1024.0), MaxImageBytes / (1024 * 1024)),
                path,
                GumloopFileProblem.TooLarge)
            {
                Length = info.Length,
            };
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(info.FullName);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
        {
            throw new GumloopFileException($"The image '{path}' cannot be read: {ex.Message}", path, GumloopFileProblem.Unreadable, ex);
        }

        if (bytes.LongLength > MaxImageBytes)
        {
            // The file grew between the check and the read.
            throw new GumloopFileException($"The image '{path}' is larger than {MaxImageBytes / (1024 * 1024)} MB. Nothing was sent.", path, GumloopFileProblem.TooLarge) { Length = bytes.LongLength };
        }

        return "data:" + mediaType + ";base64," + Convert.ToBase64String(bytes);
    }

    private static void Check(ChatCompletionRequest request)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("A model is required.", nameof(request));
        }

        if (request.Messages.Count == 0 || request.Messages.Any(m => m == null))
        {
            throw new ArgumentException("A chat completion needs at least one message, and no message may be null.", nameof(request));
        }
    }
}
