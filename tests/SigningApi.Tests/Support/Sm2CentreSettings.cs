namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// Settings of a service with a Deyang (international) and a Chengdu (<c>sm2</c>) centre, each with its seal and a
/// loan officer, so it keeps an SM2 PKI beside the main one.
/// </summary>
internal static class Sm2CentreSettings
{
    public const string Deyang = "德阳市住房公积金管理中心";
    public const string Chengdu = "成都住房公积金管理中心";
    public const string ChengduCode = "12510100MB0A1B2C3D";
    public const string ChengduSealCode = "5101000000001";
    public const string ChengduOfficer = "CD-0001";

    public static Dictionary<string, string> With(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["OneThing:Centres:0:Code"] = ApiDriver.CentreCode,
            ["OneThing:Centres:0:Name"] = Deyang,
            ["OneThing:Centres:1:Code"] = ChengduCode,
            ["OneThing:Centres:1:Name"] = Chengdu,
            ["OneThing:Centres:1:Algorithm"] = "sm2",
            ["Pki:Centres:0:CentreName"] = Deyang,
            ["Pki:Centres:0:SealCode"] = "5106000000001",
            ["Pki:Centres:1:CentreName"] = Chengdu,
            ["Pki:Centres:1:SealCode"] = ChengduSealCode,
            ["Pki:Officers:0:OfficerId"] = ApiDriver.OfficerId,
            ["Pki:Officers:0:Name"] = "王经办",
            ["Pki:Officers:0:CentreName"] = Deyang,
            ["Pki:Officers:1:OfficerId"] = ChengduOfficer,
            ["Pki:Officers:1:Name"] = "赵经办",
            ["Pki:Officers:1:CentreName"] = Chengdu,
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }
}
