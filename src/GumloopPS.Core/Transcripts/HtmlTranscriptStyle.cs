namespace GumloopPS.Core;

/// <summary>
/// The one stylesheet of every exported page. It is a constant: nothing from the API is ever written inside the
/// style element, so agent text cannot close it or inject rules.
/// </summary>
internal static class HtmlTranscriptStyle
{
    // Content-Security-Policy forbids scripts, fetches, frames and forms even if markup ever slipped through;
    // images are limited to data: URIs, so no remote image can report that the page was opened.
    public const string SecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const string Css = @":root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1b2130;--muted:#5a6374;--card:#fff;--border:#d7dbe3;--user:#e9f0fd;--user-edge:#3f6fd1;--assistant:#fff;--assistant-edge:#2f9163;--code:#f0f2f5;--ok:#1d7a44;--bad:#b3261e;--warn:#9a5b00}
@media (prefers-color-scheme:dark){:root{--bg:#13161b;--fg:#e2e5ea;--muted:#9ba3b1;--card:#1b1f26;--border:#333947;--user:#1b2840;--user-edge:#6f9cf0;--assistant:#1b1f26;--assistant-edge:#52c189;--code:#242932;--ok:#6fd39b;--bad:#f28b82;--warn:#f0b35a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,""Segoe UI"",Roboto,""Noto Sans"",sans-serif}
main{max-width:54rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.session{margin:0 0 3rem}
.session-header{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1.25rem}
h1{font-size:1.45rem;line-height:1.25;margin:0 0 .75rem;overflow-wrap:anywhere}
h2{font-size:1rem;margin:0 0 .5rem}
h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:.5rem 0 .2rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.id,pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em}
.id{color:var(--muted)}
.credit-cost{font-weight:600}
.turn{background:var(--assistant);border:1px solid var(--border);border-left:4px solid var(--assistant-edge);border-radius:8px;padding:.7rem 1rem;margin:.8rem 3rem .8rem 0}
.turn-user{background:var(--user);border-left-color:var(--user-edge);margin:.8rem 0 .8rem 3rem}
.turn-header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;margin:0 0 .35rem}
.author{font-weight:600}
.role{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border:1px solid var(--border);border-radius:4px;padding:0 .35rem}
.timestamp{margin-left:auto;color:var(--muted);font-size:.85rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.text+.text{margin-top:.5rem}
details{border:1px solid var(--border);border-radius:6px;margin:.5rem 0;background:var(--card)}
summary{cursor:pointer;padding:.35rem .6rem;font-size:.9rem}
.detail-body{padding:0 .7rem .6rem}
pre{background:var(--code);padding:.5rem .6rem;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0}
.badge{display:inline-block;font-size:.75rem;border-radius:999px;padding:0 .5rem;border:1px solid currentColor;margin-left:.4rem}
.outcome-succeeded,.outcome-approved{color:var(--ok)}
.outcome-failed,.outcome-rejected{color:var(--bad)}
.outcome-awaiting-approval{color:var(--warn)}
.part-note{color:var(--muted);font-size:.9rem;margin:.4rem 0}
.part-error{color:var(--bad)}
.approval{border:1px dashed var(--warn);border-radius:8px;padding:.7rem 1rem;margin:.8rem 0;background:var(--card)}
.empty{color:var(--muted)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{border:1px solid var(--border);padding:.35rem .6rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
footer{color:var(--muted);font-size:.8rem;margin-top:2rem}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--border:#999;--user:#fff;--assistant:#fff;--code:#f4f4f4}body{font-size:10.5pt}main{max-width:none;padding:0}.turn,.turn-user{margin:.5rem 0;break-inside:avoid}.session{break-after:page}summary{list-style:none}}
@media print{details::details-content{content-visibility:visible;display:block}}
";
}
