using Xunit;

namespace GumloopPS.Tests;

/// <summary>
/// Tests that read the process-wide allocation counter run alone, after the parallel tests: any other test running
/// at the same time would add its own allocations to the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class AllocationMeasuredCollection
{
    public const string Name = "AllocationMeasured";
}
