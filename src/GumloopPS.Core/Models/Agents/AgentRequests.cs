using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>The filters of GET /agents (API.md 10.4). Null values are not sent.</summary>
public sealed class AgentListQuery
{
    public string? TeamId { get; set; }

    /// <summary>Case-insensitive substring of the agent name.</summary>
    public string? Search { get; set; }

    /// <summary>User id of the creator.</summary>
    public string? Creator { get; set; }

    /// <summary>True: only agents with at least one active trigger.</summary>
    public bool? HasTriggers { get; set; }

    /// <summary>An MCP server id the agents use as a tool.</summary>
    public string? Tool { get; set; }

    /// <summary>A saved flow id the agents use as a tool.</summary>
    public string? Flow { get; set; }

    /// <summary><c>newest</c> (the service's default), <c>oldest</c>, <c>name_asc</c> or <c>name_desc</c>.</summary>
    public string? SortOrder { get; set; }

    public bool IncludeLastUsed { get; set; }
    public bool IncludeLastUpdated { get; set; }
}

/// <summary>The body of POST /agents. Null values are not sent; <see cref="ExtraFields"/> go as given.</summary>
public sealed class NewAgentRequest
{
    public NewAgentRequest(string name, string modelName)
    {
        Name = name;
        ModelName = modelName;
    }

    public string Name { get; set; }
    public string ModelName { get; set; }
    public string? Description { get; set; }
    public string? SystemPrompt { get; set; }
    public IList<JsonMap>? Tools { get; set; }
    public IList<string>? SkillIds { get; set; }
    public JsonMap? Metadata { get; set; }
    public string? FolderId { get; set; }

    /// <summary>A caller-chosen id; it makes the create safe to retry (a repeat answers 409 and the agent is fetched).</summary>
    public string? AgentId { get; set; }
    public string? TeamId { get; set; }
}

/// <summary>The body of POST /models/route. Null values are not sent.</summary>
public sealed class ModelRouteRequest
{
    public ModelRouteRequest(string input)
    {
        Input = input;
    }

    public string Input { get; set; }

    /// <summary>Candidate model ids (1 to 50, unique); null lets Chew use its own lanes.</summary>
    public IList<string>? Models { get; set; }

    /// <summary>Earlier turns, oldest first: <c>role</c> (user or assistant), <c>content</c>, and for assistant turns <c>model</c>.</summary>
    public IList<JsonMap>? History { get; set; }

    /// <summary>Context about the agent: <c>name</c>, <c>description</c>, <c>system_prompt</c>.</summary>
    public JsonMap? Agent { get; set; }
    public string? TeamId { get; set; }
}
