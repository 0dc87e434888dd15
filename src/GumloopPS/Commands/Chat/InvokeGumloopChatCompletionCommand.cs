using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// One turn of a chat completion (API.md 10.6). The output carries the whole conversation, so piping it into the next
/// call continues it, as PSOpenAI does. -Stream shows the text live the way Send-GumloopMessage -Stream does: on an
/// interactive host through Host.UI, elsewhere on the Information stream tagged GumloopStream; either way one
/// completion object is written at the end.
/// </summary>
/// <remarks>
/// ConfirmImpact is Medium, not High: a completion spends credits, but High would prompt before every turn of a
/// conversation. Like the other credit-spending cmdlets it supports -WhatIf and -Confirm, and $ConfirmPreference =
/// 'Medium' asks before each call.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "GumloopChatCompletion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ChatCompletion))]
public sealed class InvokeGumloopChatCompletionCommand : GumloopApiCmdlet
{
    internal const string DefaultModel = "auto";

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("chat completions", typeof(ChatCompletion))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Input", "Prompt")]
    [ValidateNotNullOrEmpty]
    public string? Message { get; set; }

    // Binds from a piped completion, so a conversation stays with the model that answered it.
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChatModelCompleter))]
    public string? Model { get; set; }

    [Parameter]
    [Alias("System")]
    [ValidateNotNullOrEmpty]
    public string? SystemMessage { get; set; }

    // A piped completion's Messages: the conversation so far.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Messages")]
    [AllowEmptyCollection]
    public ChatMessage[]? History { get; set; }

    [Parameter]
    [ValidateRange(0.0, 2.0)]
    public double? Temperature { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxTokens { get; set; }

    // 'json_object' or 'text', or a hashtable such as @{ type = 'json_schema'; json_schema = @{ ... } }.
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ChatResponseFormatCompleter))]
    public object? ResponseFormat { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Image { get; set; }

    [Parameter]
    public SwitchParameter Stream { get; set; }

    private bool _interactive;
    private bool _lineOpen;

    protected override void ProcessRecord()
    {
        string model = string.IsNullOrWhiteSpace(Model) ? DefaultModel : Model!;
        var request = new ChatCompletionRequest(model) { Temperature = Temperature, MaxTokens = MaxTokens };
        if (ResponseFormat is not null)
        {
            if (!TryResponseFormat(ResponseFormat, model, out var format))
            {
                return;
            }

            request.ResponseFormat = format;
        }

        if (!TryBuildConversation(model, request.Messages))
        {
            return;
        }

        int images = request.Messages[request.Messages.Count - 1].Images.Count;
        string what = $"Send a chat completion of {request.Messages.Count} message{(request.Messages.Count == 1 ? string.Empty : "s")}"
            + (images > 0 ? $" with {images} image{(images == 1 ? string.Empty : "s")}" : string.Empty) + " (spends credits)";
        if (!ShouldProcessText($"model {model}", what))
        {
            return;
        }

        if (!Stream)
        {
            Run(async ct =>
            {
                try
                {
                    Emit(await Client.CreateChatCompletionAsync(request, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, model);
                }
            });
            return;
        }

        // Pipeline thread: the host is read here, never from the worker.
        _interactive = GumloopApiCmdlet.IsInteractiveHost(Host);
        _lineOpen = false;
        Run(async ct =>
        {
            try
            {
                ChatCompletion completion;
                try
                {
                    completion = await Client.StreamChatCompletionAsync(request, delta =>
                    {
                        if (!string.IsNullOrEmpty(delta.Content))
                        {
                            string text = delta.Content!;
                            Post(() => WriteText(text));
                        }
                    }, ct).ConfigureAwait(false);
                }
                finally
                {
                    Post(EndLine);
                }

                Emit(completion);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, model);
            }
        });
    }

    /// <summary>The history (or a piped conversation), the system message, and the new user message with its images.</summary>
    private bool TryBuildConversation(string model, List<ChatMessage> messages)
    {
        var history = (History ?? Array.Empty<ChatMessage>()).Where(m => m is not null).ToList();
        int index = 0;
        foreach (var message in history)
        {
            if (string.IsNullOrWhiteSpace(message.Role))
            {
                WriteError(ErrorMap.Create(new PSArgumentException($"Message {index} of -History has no Role; give each one a Role (system, user, assistant or tool) and Content."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, model));
                return false;
            }

            // A copy: the piped completion keeps its own conversation.
            messages.Add(new ChatMessage(message.Role, message.Content)
            {
                Images = new ChatImageList(message.Images ?? new ChatImageList()),
                ToolCallId = message.ToolCallId,
                ToolCalls = message.ToolCalls,
            });
            index++;
        }

        if (SystemMessage is not null)
        {
            // A new system message replaces the conversation's opening one rather than stacking a second.
            if (messages.Count > 0 && (messages[0].Role == "system" || messages[0].Role == "developer"))
            {
                messages.RemoveAt(0);
            }

            messages.Insert(0, new ChatMessage("system", SystemMessage));
        }

        var user = new ChatMessage("user", Message);
        foreach (var path in Image ?? Array.Empty<string>())
        {
            string resolved;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                user.Images.Add(GumloopChatClient.ImageDataUrl(resolved));
            }
            catch (GumloopFileException ex) when (ex.Problem == GumloopFileProblem.TooLarge)
            {
                WriteError(ErrorMap.Create(ex, ErrorMap.PayloadTooLarge, ErrorCategory.LimitsExceeded, path,
                    "Chat completions take images of at most 20 MB: resize or compress the image. Nothing was sent."));
                return false;
            }
            catch (GumloopFileException ex) when (ex.InnerException is InvalidDataException)
            {
                WriteError(ErrorMap.Create(ex, ErrorMap.FileError, ErrorCategory.InvalidType, path,
                    "Send a JPEG, PNG, GIF or WebP image (.jpg, .jpeg, .png, .gif, .webp). Nothing was sent."));
                return false;
            }
            catch (Exception ex) when (IsReportable(ex) || ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
            {
                WriteError(ex is GumloopFileException or ArgumentException
                    ? ErrorMap.ToErrorRecord(ex, path)
                    : ErrorMap.ToErrorRecord(new GumloopFileException($"The image '{path}' cannot be used: {ex.Message}", path, GumloopFileProblem.NotFound, ex), path));
                return false;
            }
        }

        messages.Add(user);
        return true;
    }

    private bool TryResponseFormat(object value, string model, out JsonMap? format)
    {
        format = null;
        var raw = value is PSObject ps ? ps.BaseObject : value;
        if (raw is string type)
        {
            if (type != "text" && type != "json_object")
            {
                WriteError(ErrorMap.Create(new PSArgumentException($"-ResponseFormat '{type}' is not a format: use 'text', 'json_object', or a hashtable such as @{{ type = 'json_schema'; json_schema = @{{ name = 'reply'; schema = @{{ type = 'object' }} }} }}."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, model));
                return false;
            }

            format = new JsonMap { ["type"] = type };
            return true;
        }

        if (raw is IDictionary table)
        {
            if (!TryConvert(table, "ResponseFormat", model, out format))
            {
                return false;
            }

            if (format is null || !format.TryGetValue("type", out var t) || t is not string)
            {
                WriteError(ErrorMap.Create(new PSArgumentException("A -ResponseFormat hashtable needs a 'type' (json_object or json_schema)."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, model));
                return false;
            }

            return true;
        }

        WriteError(ErrorMap.Create(new PSArgumentException("-ResponseFormat takes 'text', 'json_object' or a hashtable."),
            ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, model));
        return false;
    }

    private void WriteText(string text)
    {
        // The model's text can carry escape sequences; they are shown as symbols, newlines and tabs kept.
        var shown = HostText.Block(text);
        if (_interactive)
        {
            Host.UI.Write(shown);
            _lineOpen = !shown.EndsWith("\n", StringComparison.Ordinal);
        }
        else
        {
            WriteInformation(shown, new[] { GumloopApiCmdlet.InformationTag });
        }
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            _lineOpen = false;
            Host.UI.WriteLine();
        }
    }
}
