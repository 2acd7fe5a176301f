namespace TwoPiR.Dns.Tests.Answers;

/// <summary>The zone the answer tests query: one name per case of RFC 1034 §4.3.2.</summary>
internal static class AnswerZone
{
    public const string Text = """
        $ORIGIN example.com.
        $TTL 300
        @           SOA     ns1 hostmaster 2026112201 3600 600 1209600 60
        @           NS      ns1
        @           NS      ns2.elsewhere.net.
        ns1         A       192.0.2.53
        twopir  30  A       192.0.2.1
        twopir  30  A       192.0.2.2
        three       A       192.0.2.11
        three       A       192.0.2.12
        three       A       192.0.2.13
        www         CNAME   twopir
        chain1      CNAME   chain2
        chain2      CNAME   chain3
        chain3      CNAME   twopir
        loop1       CNAME   loop2
        loop2       CNAME   loop1
        away        CNAME   www.example.org.
        dangling    CNAME   missing
        *.wild      A       192.0.2.40
        *.wild      TXT     "wild"
        wildalias   CNAME   x.wild
        a.b.ent     A       192.0.2.50
        sub         NS      ns.sub
        sub         NS      ns.elsewhere.net.
        ns.sub      A       192.0.2.60
        ns.sub      AAAA    2001:db8::60
        tosub       CNAME   host.sub
        mail        MX      10 twopir
        big         TXT     "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
        big         TXT     "1123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
        big         TXT     "2123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
        """;
}
