using TwoPiR.Provision.Cluster;

namespace TwoPiR.Provision.Templates;

/// <summary>The files the provisioner writes, rendered from the cluster file. Same input, same bytes: checks compare hashes.</summary>
internal static class SiteTemplates
{
    /// <summary>What the health file holds.</summary>
    public const string HealthContent = "ok\n";

    /// <summary>Where each node's systemd drop-in for nginx goes.</summary>
    public const string NginxDropIn = "/etc/systemd/system/nginx.service.d/twopir-after-volume.conf";

    /// <summary>The nginx site, kept on the volume so every node serves the same configuration.</summary>
    public static string NginxSite(ClusterSpec cluster) => $$"""
        # Written by twopir-provision from {{Path.GetFileName(cluster.Source)}}; edit that file and run apply again.
        # It lives on the Gluster volume, so both nodes serve the same site from the same files.
        server {
            listen 80;
            listen [::]:80;
            server_name {{string.Join(' ', cluster.Site.ServerNames)}};
            root {{cluster.Site.Root}};
            index index.html;

            # The probe fetches this file: if this node's mount of the volume breaks, the check fails
            # and the DNS server stops handing out this node.
            location = {{cluster.Site.HealthPath}} {
                access_log off;
                add_header Cache-Control "no-store";
            }

            location / {
                try_files $uri $uri/ =404;
            }
        }

        """;

    /// <summary>The drop-in that starts nginx only once the volume holding its site is mounted.</summary>
    public static string NginxAfterVolume(ClusterSpec cluster) => $"""
        # Written by twopir-provision: nginx's site lives on the Gluster volume, so nginx starts only after it is mounted.
        [Unit]
        RequiresMountsFor={cluster.MountPoint}

        """;

    /// <summary>A first page for an empty site, written only when there is no index.html yet.</summary>
    public static string Placeholder(ClusterSpec cluster) => $"""
        <!doctype html>
        <title>{cluster.Site.ServerNames[0]}</title>
        <p>{cluster.Site.ServerNames[0]} is served from the Gluster volume {cluster.Volume.Name} by every node. Replace this page with your site.</p>

        """;
}
