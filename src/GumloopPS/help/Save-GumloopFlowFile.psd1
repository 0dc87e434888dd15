@{
    Synopsis    = 'Downloads output files of a Gumloop flow run.'
    Description = @'
Save-GumloopFlowFile downloads files that a flow run produced and writes them to disk. The bytes are saved exactly as sent, so binary files are safe.

- One file name: the file is downloaded (POST /download_file) to -OutFile. When -OutFile is an existing folder, the file keeps its own name inside it.
- Several file names: the files are downloaded as one zip archive (POST /download_files) to -OutFile, or to <RunId>.zip inside it when it is an existing folder.
- With -Expand the archive is unpacked into the folder -OutFile (created when missing) and each file is written to the pipeline. Every entry is checked before anything is written: entries that would land outside that folder, existing files (unless -Force) and symbolic links or other reparse points on the way are refused. The expanded size is counted as it is written: past -MaxExpandedSizeMB in all or for one entry, or when an entry over 1 MB expands more than 200 times its compressed size (a zip bomb), the expansion stops and every file it wrote is removed, so no partial file is left.

Without -Expand, existing files are overwritten. The run must be DONE. -RunId and -FlowId bind by property name, so a FlowRun can be piped in; -FlowId is optional and lets the API verify that the run belongs to that flow.

A download error is a non-terminating error whose TargetObject is the run id; a file that cannot be written is a GumloopFileWriteFailed error whose TargetObject is the path.
'@
    Parameters  = @{
        RunId    = 'The id of the run whose files are downloaded. Binds from the RunId property of piped objects, such as a FlowRun.'
        FileName = 'The names of the files to download, as the flow named them. Several names download as one zip archive. Alias: Name.'
        FlowId   = 'The flow (saved item) the run belongs to. Optional; binds from the FlowId or SavedItemId property of piped objects. Alias: SavedItemId.'
        OutFile  = 'Where to save: a file path, or an existing folder. With -Expand, the folder to unpack into (created when missing). Alias: Path.'
        Expand   = 'Unpacks the downloaded archive into the folder -OutFile and writes each extracted file.'
        MaxExpandedSizeMB = 'With -Expand, the most the archive may expand to, in MB, in all and for any one entry (default 1024). Raise it for archives that are expected to be larger; an entry over 1 MB that expands more than 200 times its compressed size is refused whatever this says.'
        Force    = 'With -Expand, replaces files that already exist in the folder. Symbolic links and other reparse points are refused even with -Force.'
    }
    Examples    = @(
        @{
            Title   = 'Save a run''s CSV output'
            Code    = @'
$run = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'northwindtraders.example' } -Wait
$run | Save-GumloopFlowFile -FileName 'renewal_brief.csv' -OutFile ./renewal_brief.csv
Import-Csv ./renewal_brief.csv
'@
            Remarks = 'RunId and FlowId come from the piped run.'
        }
        @{
            Title   = 'Download several files and unpack them'
            Code    = "`$run | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'usage_chart.png' -OutFile ./brief -Expand"
            Remarks = 'Downloads both files as one archive and unpacks it into ./brief; writes a FileInfo for each file.'
        }
    )
    Outputs     = @{
        'System.IO.FileInfo' = 'The saved file or archive; with -Expand, each unpacked file.'
    }
    Links       = @('Start-GumloopFlow', 'Get-GumloopFlowRun')
}
