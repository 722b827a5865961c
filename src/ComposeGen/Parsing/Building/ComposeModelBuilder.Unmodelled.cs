using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// Fields the model does not keep (GPU reservations, build SSH, mount options) still get compose-go's
/// checks, so a file docker compose would refuse is never reported clean.
/// </summary>
internal sealed partial class ComposeModelBuilder
{
    private void CheckUnmodelledFields(YMapping service, FieldPath path)
    {
        if (service.Get("build") is YMapping build && build.Find("ssh") is { } ssh
            && ssh.Value is not (YMapping or YSequence) && !NodeReader.IsUnresolved(ssh.Value))
        {
            _read.Invalid($"{path}.build.ssh must be a mapping or a list", ssh.Value is YScalar { IsNull: true } ? ssh.KeySpan : ssh.Value.Span);
        }

        if (service.Get("develop") is YMapping develop && develop.Get("watch") is YSequence watch)
        {
            for (var i = 0; i < watch.Items.Count; i++)
            {
                if (watch.Items[i] is not YMapping rule)
                    continue;
                foreach (var required in new[] { "path", "action" })
                {
                    if (rule.Find(required) is null)
                        _read.Invalid($"{path}.develop.watch.{i} missing property '{required}'", rule.Span);
                }
            }
        }

        if (service.Get("deploy") is YMapping deploy
            && deploy.Get("resources") is YMapping resources
            && resources.Get("reservations") is YMapping reservations
            && reservations.Get("devices") is YSequence devices)
        {
            for (var i = 0; i < devices.Items.Count; i++)
            {
                if (devices.Items[i] is YMapping device)
                    CheckDeviceRequest(device, $"{path}.deploy.resources.reservations.devices[{i}]");
            }
        }
    }

    private void CheckDeviceRequest(YMapping device, FieldPath path)
    {
        if (device.Find("capabilities") is null)
            _read.Invalid($"{path}: missing property 'capabilities'", device.Span);

        var count = device.Find("count");
        if (count?.Value is YScalar { IsNull: false, IsUnresolved: false } value
            && value.Value != "all" && !ScalarTypes.TryParseInteger(value.Value, out _))
        {
            _read.Invalid($"{path}.count: invalid value \"{value.Value}\", the only value allowed is 'all' or a number", value.Span);
        }

        if (count is not null && device.Find("device_ids") is { } ids)
            _read.Invalid($"{path}: \"count\" and \"device_ids\" attributes are exclusive", ids.KeySpan);
    }

    /// <summary>The option blocks of a long-syntax mount: <c>bind:</c>, <c>volume:</c>, <c>tmpfs:</c>, <c>image:</c>.</summary>
    private void CheckMountOptions(YMapping mount)
    {
        foreach (var (key, known) in new[] { ("bind", ComposeKeys.BindOptions), ("volume", ComposeKeys.VolumeOptions), ("tmpfs", ComposeKeys.TmpfsOptions), ("image", ComposeKeys.ImageOptions) })
        {
            if (mount.Get(key) is YMapping options)
                CheckKeys(options, known, $"the {key} options of a mount");
        }
    }
}
