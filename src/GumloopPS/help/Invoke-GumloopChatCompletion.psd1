@{
    Synopsis    = 'Asks a model for a chat completion through Gumloop, optionally streaming the reply live.'
    Description = @'
Invoke-GumloopChatCompletion sends a conversation to Gumloop's OpenAI-compatible chat completions (POST /chat/completions on the streaming host, ws.gumloop.com, which serves every chat call) and writes a GumloopPS.Core.ChatCompletion: Text (the reply), Model, FinishReason, PromptTokens, CompletionTokens, TotalTokens, Cost, IsByok and Messages, the whole conversation including the reply.

Conversations continue through the pipeline: pipe a completion into the next call and its Messages bind to -History and its Model to -Model, so `Invoke-GumloopChatCompletion 'hi' | Invoke-GumloopChatCompletion 'and then?'` sends both turns. -History also takes ChatMessage objects or hashtables such as @{ Role = 'user'; Content = 'hi' }.

With -Stream the reply is shown as it is generated: on an interactive console as text on the host, elsewhere (runbooks, jobs, redirected output) on the Information stream tagged GumloopStream, one record per piece; the completion object is still written at the end, and its Text is exactly the pieces joined. The call ends at the stream's [DONE]. A stream that stops with an error chunk becomes an error record (GumloopStreamError, InvalidResult; GumloopInsufficientCredits, QuotaExceeded, when the credits ran out); the reply so far is in the exception's Partial property.

-Image sends local JPEG, PNG, GIF or WebP files with the message as data: URLs. Each may be at most 20 MB; a larger one is refused before anything is sent (GumloopPayloadTooLarge, LimitsExceeded), and another type with GumloopFileError (InvalidType).

A completion spends credits: the cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium, so it asks when $ConfirmPreference is Medium or lower). It is never re-sent after it may have reached the service. Too few credits is GumloopInsufficientCredits (QuotaExceeded); a request the service cannot translate is GumloopBadRequest (InvalidArgument), with the field at fault in the exception's Param.
'@
    Parameters  = @{
        Message        = 'The new user message. Aliases: Input, Prompt.'
        Model          = 'The model: an id from GET /models or a preset route such as auto (the default) or claude-sonnet-4-5. Binds by property name from a piped completion, so a conversation stays with its model.'
        SystemMessage  = 'A system message that sets the behaviour of the model. It replaces a system message the history starts with.'
        History        = 'The conversation so far, oldest first: ChatMessage objects or hashtables with Role and Content. Binds by property name from the Messages of a piped completion. Alias: Messages.'
        Temperature    = 'Sampling temperature, 0 to 2.'
        MaxTokens      = 'The most tokens the reply may have (sent as max_completion_tokens). A reply cut at the limit has FinishReason length.'
        ResponseFormat = "The shape of the reply: 'text', 'json_object', or a hashtable such as @{ type = 'json_schema'; json_schema = @{ name = 'answer'; strict = `$true; schema = @{ type = 'object' } } }."
        Image          = 'Paths of local images (JPEG, PNG, GIF or WebP, at most 20 MB each) to send with the message.'
        Stream         = 'Shows the reply as it is generated and writes the completion at the end.'
        WhatIf         = 'Shows the model and the number of messages that would be sent, without sending them. No credits are spent.'
        Confirm        = 'Asks before sending the completion, which spends credits.'
    }
    Examples    = @(
        @{
            Title   = 'Ask once'
            Code    = "Invoke-GumloopChatCompletion -Message 'What is the capital of Portugal?' -Model claude-sonnet-4-5"
            Remarks = 'Writes the completion; its Text is the reply, and TotalTokens and Cost say what it used.'
        }
        @{
            Title   = 'Continue a conversation through the pipeline'
            Code    = "Invoke-GumloopChatCompletion 'Name three renewal risks for a SaaS contract.' | Invoke-GumloopChatCompletion 'Which one matters most for Northwind?'"
            Remarks = 'The second call sends both user turns and the first reply; its Messages hold all four messages.'
        }
        @{
            Title   = 'Stream the reply and keep the result'
            Code    = "`$reply = Invoke-GumloopChatCompletion 'Draft a two-line renewal reminder.' -Stream; `$reply.Text"
            Remarks = 'The text appears as it is generated; $reply.Text is the same text, whole.'
        }
        @{
            Title   = 'Describe an image'
            Code    = "Invoke-GumloopChatCompletion 'What does this chart show?' -Image ./q3-usage.png -MaxTokens 200"
            Remarks = 'The image travels as a data: URL with the message.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.ChatCompletion' = 'One completion per call: Text, Model, FinishReason, token counts, Cost and Messages (the conversation including the reply).'
    }
    Links       = @('Send-GumloopMessage')
}
