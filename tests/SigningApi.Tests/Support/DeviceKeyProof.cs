using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>What a phone does before prepare: fetch the server's challenge and sign it with the device key.</summary>
public static class DeviceKeyProof
{
    public static async Task<string> ChallengeAsync(HttpClient applicant, string caseId)
    {
        var response = await applicant.PostAsync($"/api/v1/cases/{caseId}/signing/challenge", null);
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["challenge"]!.GetValue<string>();
    }

    public static string Sign(ECDsa device, string challenge, DSASignatureFormat format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation) =>
        Convert.ToBase64String(device.SignData(Encoding.ASCII.GetBytes(challenge), HashAlgorithmName.SHA256, format));

    /// <summary>A prepare body for <paramref name="device"/>'s key with a fresh challenge signed by <paramref name="prover"/> (the device itself unless a test says otherwise).</summary>
    public static async Task<object> PrepareBodyAsync(HttpClient applicant, string caseId, ECDsa device, ECDsa? prover = null)
    {
        var challenge = await ChallengeAsync(applicant, caseId);
        return new
        {
            publicKey = Convert.ToBase64String(device.ExportSubjectPublicKeyInfo()),
            challenge,
            proof = Sign(prover ?? device, challenge),
        };
    }
}
