using Xunit.Sdk;
using Xunit.v3;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// Marks a test class that leaves its collection's application changed for good (a PostgreSQL primary killed and its
/// standby promoted, say): with <see cref="RunsLastInItsCollectionOrderer"/> on the collection, it runs after the
/// other classes, which then see the application as it started.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunsLastInItsCollectionAttribute : Attribute;

/// <summary>xunit's default order, except that classes marked <see cref="RunsLastInItsCollectionAttribute"/> come last.</summary>
public sealed class RunsLastInItsCollectionOrderer : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : notnull, ITestClass =>
    [
        .. DefaultTestClassOrderer.Instance.OrderTestClasses(testClasses)
            .OrderBy(testClass => testClass is IXunitTestClass { Class: var type } && type.IsDefined(typeof(RunsLastInItsCollectionAttribute), inherit: false)),
    ];
}
