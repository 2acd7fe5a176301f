using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

public sealed class ZoneStoreTests
{
    [Test]
    public void Current_NewStore_IsTheEmptySet()
    {
        Assert.That(new ZoneStore().Current, Is.SameAs(ZoneSet.Empty));
    }

    [Test]
    public void Replace_NewSet_IsWhatReadersSeeNext()
    {
        ZoneStore store = new();
        ZoneSet zones = new([]);

        store.Replace(zones);

        Assert.That(store.Current, Is.SameAs(zones));
    }

    [Test]
    public void Replace_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ZoneStore().Replace(null!));
    }
}
