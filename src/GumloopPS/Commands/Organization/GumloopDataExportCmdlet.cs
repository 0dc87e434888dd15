using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>Base of the data-export cmdlets: saving a COMPLETED export's CSV to a file, or writing its rows.</summary>
public abstract class GumloopDataExportCmdlet : GumloopApiCmdlet
{
    /// <summary>The type name of the rows written from an export's CSV, for Get-Member and views of one's own.</summary>
    public const string RowTypeName = "GumloopPS.DataExportRow";

    /// <summary>
    /// Saves the CSV to <paramref name="outPath"/> (a folder gets &lt;export id&gt;.csv), streamed, and writes the file as
    /// Get-Item returns it. The CSV is moved into place only once complete, so a failed download leaves no torn file.
    /// Failures are written as errors.
    /// </summary>
    private protected async Task SaveAsync(DataExport export, string outPath, CancellationToken ct)
    {
        var exportId = export.ExportId!;
        var target = Directory.Exists(outPath) ? Path.Combine(outPath, exportId + ".csv") : outPath;
        try
        {
            EmitFileItem(await PartialFile.SaveAsync(target, overwrite: true, partial => Client.DownloadDataExportAsync(exportId, partial, ct)).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
        }
        catch (GumloopOrganizationException ex)
        {
            EmitError(ex, export);
        }
        catch (Exception ex) when (IsReportable(ex))
        {
            EmitError(ex, exportId);
        }
    }

    /// <summary>
    /// Writes the rows of a COMPLETED export as objects whose properties are the CSV's columns. The CSV is streamed to
    /// a temporary file first and read from there one row at a time, so memory stays flat and a download that is
    /// retried after a dropped connection never writes a row twice.
    /// </summary>
    private protected async Task EmitRowsAsync(DataExport export, CancellationToken ct)
    {
        var exportId = export.ExportId!;
        var temp = Path.Combine(Path.GetTempPath(), "gumloop-export-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await Client.DownloadDataExportAsync(exportId, temp, ct).ConfigureAwait(false);
            await GumloopOrganizationClient.ReadCsvRowsAsync(temp, row => Emit(ToRow(row)), ct).ConfigureAwait(false);
        }
        catch (GumloopOrganizationException ex)
        {
            EmitError(ex, export);
        }
        catch (Exception ex) when (IsReportable(ex))
        {
            EmitError(ex, exportId);
        }
        finally
        {
            PartialFile.TryDelete(temp);
        }
    }

    private static PSObject ToRow(IReadOnlyList<KeyValuePair<string, string>> row)
    {
        var obj = new PSObject();
        obj.TypeNames.Insert(0, RowTypeName);
        foreach (var cell in row)
        {
            // A repeated column name keeps its first value, as Import-Csv does not allow both.
            if (obj.Properties[cell.Key] is null)
            {
                obj.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
            }
        }

        return obj;
    }
}
