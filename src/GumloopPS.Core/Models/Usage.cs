using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class Usage : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "credit_cost", "tool_credit_cost", "flow_credit_cost", "input_tokens", "cached_input_tokens",
        "cache_write_input_tokens", "output_tokens", "reasoning_tokens");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public double? CreditCost { get; set; }
    public double? ToolCreditCost { get; set; }
    public double? FlowCreditCost { get; set; }
    public long? InputTokens { get; set; }
    public long? CachedInputTokens { get; set; }
    public long? CacheWriteInputTokens { get; set; }
    public long? OutputTokens { get; set; }
    public long? ReasoningTokens { get; set; }

    public static Usage FromJson(JsonElement element)
    {
        var usage = new Usage();
        usage.SetRaw(element);
        JsonElement e = usage.Raw;
        usage.CreditCost = JsonRead.Double(e, "credit_cost");
        usage.ToolCreditCost = JsonRead.Double(e, "tool_credit_cost");
        usage.FlowCreditCost = JsonRead.Double(e, "flow_credit_cost");
        usage.InputTokens = JsonRead.Int64(e, "input_tokens");
        usage.CachedInputTokens = JsonRead.Int64(e, "cached_input_tokens");
        usage.CacheWriteInputTokens = JsonRead.Int64(e, "cache_write_input_tokens");
        usage.OutputTokens = JsonRead.Int64(e, "output_tokens");
        usage.ReasoningTokens = JsonRead.Int64(e, "reasoning_tokens");
        return usage;
    }

    public override string ToString()
    {
        var parts = new List<string>(3);
        if (CreditCost.HasValue)
        {
            parts.Add("credits=" + CreditCost.Value.ToString("0.####", CultureInfo.InvariantCulture));
        }

        if (InputTokens.HasValue)
        {
            parts.Add("input=" + InputTokens.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (OutputTokens.HasValue)
        {
            parts.Add("output=" + OutputTokens.Value.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join("; ", parts);
    }
}
