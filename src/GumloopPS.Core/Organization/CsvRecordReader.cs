using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// Reads RFC 4180 CSV one record at a time (quoted fields may hold commas, quotes and line breaks), so an export of
/// any size is read with one record in memory.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new StringBuilder();

    public CsvRecordReader(TextReader reader)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>The next record's fields, or null at the end. A blank line is skipped.</summary>
    public string[]? Read()
    {
        while (true)
        {
            int first = _reader.Peek();
            if (first < 0)
            {
                return null;
            }

            var fields = new List<string>();
            bool quoted = false;
            bool afterQuote = false;
            _field.Clear();
            while (true)
            {
                int c = _reader.Read();
                if (c < 0)
                {
                    fields.Add(_field.ToString());
                    return fields.Count == 1 && fields[0].Length == 0 && !afterQuote ? null : fields.ToArray();
                }

                char ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (_reader.Peek() == '"')
                        {
                            _reader.Read();
                            _field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                            afterQuote = true;
                        }
                    }
                    else
                    {
                        _field.Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && _field.Length == 0 && !afterQuote)
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                    afterQuote = false;
                }
                else if (ch == '\r' || ch == '\n')
                {
                    if (ch == '\r' && _reader.Peek() == '\n')
                    {
                        _reader.Read();
                    }

                    fields.Add(_field.ToString());
                    if (fields.Count == 1 && fields[0].Length == 0 && !afterQuote)
                    {
                        break; // a blank line
                    }

                    return fields.ToArray();
                }
                else
                {
                    _field.Append(ch);
                }
            }
        }
    }
}
