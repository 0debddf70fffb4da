using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class IssuedCertificatesPerPki : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_issued_certificates",
                table: "issued_certificates");

            migrationBuilder.DropIndex(
                name: "IX_issued_certificates_CaName_RevokedAt",
                table: "issued_certificates");

            migrationBuilder.AddColumn<string>(
                name: "Pki",
                table: "issued_certificates",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Every row recorded before the column existed is the main PKI's (the SM2 PKI kept its records in its journal).
                defaultValue: "main");

            migrationBuilder.AddPrimaryKey(
                name: "PK_issued_certificates",
                table: "issued_certificates",
                columns: new[] { "Pki", "CaName", "Serial" });

            migrationBuilder.CreateIndex(
                name: "IX_issued_certificates_Pki_CaName_RevokedAt",
                table: "issued_certificates",
                columns: new[] { "Pki", "CaName", "RevokedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Without the column the SM2 PKI's rows could collide with the main PKI's; its journals still hold them.
            migrationBuilder.Sql("DELETE FROM issued_certificates WHERE \"Pki\" <> 'main'");

            migrationBuilder.DropPrimaryKey(
                name: "PK_issued_certificates",
                table: "issued_certificates");

            migrationBuilder.DropIndex(
                name: "IX_issued_certificates_Pki_CaName_RevokedAt",
                table: "issued_certificates");

            migrationBuilder.DropColumn(
                name: "Pki",
                table: "issued_certificates");

            migrationBuilder.AddPrimaryKey(
                name: "PK_issued_certificates",
                table: "issued_certificates",
                columns: new[] { "CaName", "Serial" });

            migrationBuilder.CreateIndex(
                name: "IX_issued_certificates_CaName_RevokedAt",
                table: "issued_certificates",
                columns: new[] { "CaName", "RevokedAt" });
        }
    }
}
