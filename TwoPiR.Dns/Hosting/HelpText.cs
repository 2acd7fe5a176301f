namespace TwoPiR.Dns.Hosting;

/// <summary>The manual printed by <c>--help</c>, written like a man page.</summary>
internal static class HelpText
{
    /// <summary>The full manual.</summary>
    public const string ManPage = """
        TWOPIR-DNS(8)                     TwoPiR                     TWOPIR-DNS(8)

        NAME
            twopir-dns - authoritative DNS server that hands out every web node,
            freshly shuffled

        SYNOPSIS
            twopir-dns [--zones DIR] [--listen ADDRESS:PORT]...
                       [--allow-transfer NETWORK]... [--forward UPSTREAM]...
                       [--allow-recursion NETWORK]... [--config FILE]
                       [--log-level LEVEL]
            twopir-dns --check [--zones DIR]
            twopir-dns status [--json] [--status ADDRESS:PORT]
            twopir-dns drain ADDRESS [--force] [--status ADDRESS:PORT]
            twopir-dns undrain ADDRESS [--status ADDRESS:PORT]
            twopir-dns --help | --version

        DESCRIPTION
            twopir-dns answers DNS queries for the zones in DIR, one file per
            zone named ORIGIN.zone (example.com.zone holds example.com.) in RFC
            1035 master-file format. By default it is authoritative only: it
            answers REFUSED for names outside its zones. With --forward it
            can also be the LAN's DNS server (see FORWARDING).

            Every RRset of more than one record is sent in a new uniformly
            random order in every response. Give a web site one A (or AAAA)
            record per web node and clients spread across the nodes; when one
            node dies, browsers move on to the next address at once.

            When a file in DIR changes, the zones it makes up are read again
            and swapped in whole. A zone file with an error is reported with
            its file:line:column and the last good version of that zone keeps
            being served.

            HEALTH CHECKS. Names listed under Probe:Names (see CONFIGURATION)
            are health-checked: every address in their A and AAAA records is
            probed, once per interval however many names share it, and
            addresses found dead are left out of answers until they recover.
            Fall failed rounds in a row mark an address down, Rise passed
            rounds bring it back, so a flapping node does not flap the answer.
            Addresses not yet checked are served. When every address of a name
            is down, WhenAllDown decides: ServeAll (answer them all anyway, the
            default), NoData, or ServFail. The TTL of a checked name is capped
            (MaxTtl, by default Interval x Fall) so resolvers forget a dead
            node quickly; the log states each name's worst-case failover time.
            Zone reloads add and drop probed addresses. Last known states and
            drains are kept in a state file and restored at start.

            STATUS. A small HTTP endpoint on Status:Listen (127.0.0.1:8053)
            serves a status page at /, the same as JSON at /status, Prometheus
            metrics at /metrics (queries by type and rcode, forwarding cache and
            upstream tries, probe rounds and latency, node states), and the
            drain API used by the commands below. Keep it on loopback:
            whoever reaches it can drain nodes.

            FORWARDING. With upstream resolvers given by --forward (your
            router, or a public resolver), a query that asks for recursion
            (RD) for a name outside every zone here is passed to the first
            upstream, and its answer relayed with RA set. The zones here
            always win and are never forwarded. Each upstream has Timeout to
            answer before the next is tried. One tried at least
            SkipAfterFailures times within 10 seconds, half of them or more
            failing (no answer, unreachable, malformed), is skipped for
            SkipFor, then one query tries it again (while skipped, it is still
            asked when every other upstream has failed). SERVFAIL or REFUSED
            from one upstream sends the query to the next; when every one
            says so, the first such answer is relayed. When none answers at
            all, the client gets SERVFAIL.

            Only clients in --allow-recursion (default: loopback, 10/8,
            172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10) get
            forwarding; everyone else gets REFUSED, as before. An open
            resolver reachable from the internet answers queries with forged
            source addresses, sending large answers to a victim: keep the list
            to your own networks.

            Answers are cached for their TTL (NXDOMAIN and NODATA for the
            SOA's negative TTL, RFC 2308), at most CacheEntries of them, the
            least recently used dropped first; answers over 4096 octets are
            relayed but not cached. Each upstream query goes out from a new
            random port with a random ID, and only an answer with that ID and
            the same question is taken, so forged answers are thrown away
            rather than cached. An answer truncated over UDP is asked again
            over TCP.

            UDP answers that do not fit (512 octets, or the client's EDNS size
            up to Dns:MaxUdpPayload) drop whole RRsets and set TC, so clients
            retry over TCP. AXFR is served over TCP to --allow-transfer
            clients only.

        OPTIONS
            -z, --zones DIR
                The folder of zone files. Default: zones (relative to the
                current directory).

            -l, --listen ADDRESS:PORT
                Serve UDP and TCP on this address; write IPv6 as [ADDRESS]:PORT.
                Repeat to listen on several. Port 0 picks a free port. Default:
                127.0.0.1:5300. Port 53 needs root or CAP_NET_BIND_SERVICE.

            --allow-transfer NETWORK
                Allow zone transfers (AXFR) to this address or CIDR network,
                e.g. 192.0.2.7 or 192.0.2.0/24. Repeatable. Default: nobody.

            -c, --config FILE
                Read settings from this JSON file as well (same layout as
                appsettings.json; see CONFIGURATION).

            --forward UPSTREAM
                Forward names outside the zones to this resolver: ADDRESS
                (port 53), ADDRESS:PORT, or [IPv6]:PORT. Repeat to give more,
                tried in order. Default: none, forwarding off.

            --allow-recursion NETWORK
                Forward for clients in this address or CIDR network only.
                Repeatable. Default: loopback and the private ranges.

            --log-level LEVEL
                trace, debug, information (default), warning, error, critical
                or none.

            --check
                Load and check every zone in DIR, print what was found, and
                exit: 0 when every zone loads, 1 otherwise. Serves nothing.

            --status ADDRESS:PORT
                Where the status endpoint listens (serving), or where the
                commands below find it. Default: Status:Listen, 127.0.0.1:8053.

            -h, --help
                Print this manual and exit.

            -V, --version
                Print the version and exit.

        COMMANDS
            These talk to a running server through its status endpoint, read
            from the same settings the server uses (or --status).

            status [--json]
                Print every checked name and address: state, since when, last
                check and latency, passed or failed rounds in a row.

            drain ADDRESS [--force]
                Leave ADDRESS out of every answer, whatever its health, until
                undrained; survives restarts. Refused for an address no checked
                name holds, and for the last address a name could still serve
                unless --force.

            undrain ADDRESS
                Serve ADDRESS again (when it is not down).

        CONFIGURATION
            Settings come from, later ones winning: appsettings.json beside the
            program, the --config file, environment variables prefixed
            TWOPIR_ (TWOPIR_Dns__Zones=/etc/twopir/zones), and the options
            above. Keys of the Dns section:

            Zones                       folder of zone files        zones
            Listen                      list of ADDRESS:PORT        127.0.0.1:5300
            AllowTransfer               list of NETWORK             (none)
            MaxUdpPayload               EDNS size, 512-4096         1232
            TcpIdleTimeout              idle TCP connection limit   00:00:10
            MaxTcpConnections           open TCP connections        256
            MaxTcpConnectionsPerClient  per client address          16
            ErrorRepliesPerSecond       UDP error replies, 0 = any  100
            UdpReceiveLoops             0 = one per processor       0
            UdpBatchSize                datagrams per system call   32
            ReloadDelay                 quiet time before reload    00:00:00.300

            Keys of the Forwarding section (TWOPIR_Forwarding__Upstreams__0=
            192.168.1.1):

            Upstreams          list of ADDRESS[:PORT]           (none: off)
            AllowRecursion     list of NETWORK                  private ranges
            Timeout            one upstream's time to answer    00:00:01.500
            SkipAfterFailures  tries in 10 s, half failed    3
            SkipFor            how long it is skipped           00:00:30
            CacheEntries       answers cached, 0 = no cache     10000
            MaxCacheTtl        longest time an answer is cached 1.00:00:00
            MaxNegativeTtl     same for NXDOMAIN and NODATA     01:00:00
            MaxInFlight        UDP queries waiting upstream     256

            Health checks, one block per name under Probe:Names:NAME, e.g.
            Probe:Names:twopir.example.com:Port (TWOPIR_Probe__Names__twopir
            .example.com__Port=80):

            Check        Http or Tcp                            Http
            Port         port checked on every address          80
            Path         HTTP path                              /
            Host         HTTP Host header                       NAME
            Status       passing codes, e.g. 200,300-399        200-399
            BodyContains text the first 64 KiB must hold        (none)
            Interval     time between rounds                    00:00:02
            Timeout      limit of one attempt                   00:00:01
            Retries      extra attempts within a round, 0-5     1
            Fall         failed rounds to mark down             2
            Rise         passed rounds to mark up               2
            Jitter       random delay of each round, at most    00:00:00.200
            WhenAllDown  ServeAll, NoData or ServFail           ServeAll
            MaxTtl       cap on the records' TTL                Interval x Fall

            Probe:StateFile  where states and drains are kept:
                $STATE_DIRECTORY/probe-state.json under systemd, else
                ~/.local/state/twopir/probe-state.json
            Status:Listen    status endpoint; empty = off   127.0.0.1:8053

        SIGNALS
            SIGHUP   Reload every zone, changed or not.
            SIGTERM, SIGINT
                     Stop listening, close open TCP connections, and exit 0.

        EXIT STATUS
            0   Stopped cleanly, --check found every zone good, or a command
                did what it was asked.
            1   Could not serve (e.g. an address was in use, or a listener
                failed for good), --check found a broken zone, or a command
                could not reach the server or was refused.
            2   Bad command line or settings.

        EXAMPLES
            Serve the shipped demo zones on loopback, and watch the order of
            the two web nodes change from one query to the next:

                twopir-dns --zones zones
                dig @127.0.0.1 -p 5300 twopir.example.com A +short

            Serve the LAN on port 53, IPv4 and IPv6:

                twopir-dns --zones /etc/twopir/zones \
                           --listen 0.0.0.0:53 --listen [::]:53

            Health-check the site's nodes over HTTP on port 80, and see what
            the server believes:

                TWOPIR_Probe__Names__twopir.example.com__Port=80 twopir-dns
                twopir-dns status

            Take a node out for maintenance, then put it back:

                twopir-dns drain 192.0.2.12
                twopir-dns undrain 192.0.2.12

            Be the LAN's DNS server: answer the site's zone, and forward the
            rest to the router and then a public resolver:

                twopir-dns --zones /etc/twopir/zones --listen 0.0.0.0:53 \
                           --forward 192.168.1.1 --forward 9.9.9.9

            Check zone files before reloading a running server:

                twopir-dns --check --zones /etc/twopir/zones && \
                    systemctl reload twopir-dns

        FILES
            DIR/ORIGIN.zone      one zone; $INCLUDE may name other files, which
                                 must stay inside DIR
            appsettings.json     default settings, beside the program
            probe-state.json     last known node states and drains

        SEE ALSO
            dig(1), named-checkzone(1), RFC 1034, RFC 1035, RFC 2308,
            RFC 4592, RFC 5452, RFC 6891, RFC 7766, RFC 8482

        """;
}
