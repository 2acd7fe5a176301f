using System.Xml;
using System.Xml.Linq;

namespace TwoPiR.Provision.Gluster;

/// <summary>
/// The XML a gluster command prints with <c>--xml</c>. The exit status is 0 even when the command
/// failed, so success is read from <c>opRet</c> and the reason from <c>opErrstr</c>.
/// </summary>
/// <param name="OpRet">0 on success, -1 on failure.</param>
/// <param name="Error">glusterd's reason, or empty.</param>
/// <param name="Root">The whole <c>cliOutput</c> element.</param>
internal sealed record GlusterReply(int OpRet, string Error, XElement Root)
{
    /// <summary>Whether the operation succeeded.</summary>
    public bool Succeeded => OpRet == 0;

    /// <summary>Parses a command's standard output.</summary>
    /// <exception cref="GlusterException">The output is not gluster's XML, e.g. glusterd is not running.</exception>
    public static GlusterReply Parse(string output, string error)
    {
        int start = output.IndexOf("<cliOutput", StringComparison.Ordinal);
        if (start < 0)
        {
            string said = (error + " " + output).Trim();
            throw new GlusterException(said.Length > 0 ? said : "gluster printed nothing");
        }

        XElement root;
        try
        {
            root = XElement.Parse(output[start..]);
        }
        catch (XmlException ex)
        {
            throw new GlusterException("gluster printed XML we cannot read: " + ex.Message, ex);
        }

        int opRet = int.TryParse(root.Element("opRet")?.Value, out int value) ? value : -1;
        return new GlusterReply(opRet, root.Element("opErrstr")?.Value.Trim() ?? "", root);
    }

    /// <summary>Returns the reply when it succeeded.</summary>
    /// <exception cref="GlusterException">It failed; the message is glusterd's reason.</exception>
    public GlusterReply EnsureSucceeded() =>
        Succeeded ? this : throw new GlusterException(Error.Length > 0 ? Error : $"failed with opRet {OpRet}");
}
