using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedInstanceState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "idempotency_records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "issued_certificates",
                columns: table => new
                {
                    CaName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    NotAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_certificates", x => new { x.CaName, x.Serial });
                });

            migrationBuilder.CreateTable(
                name: "prepared_device_signatures",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Certificate = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Documents = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prepared_device_signatures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rate_limit_windows",
                columns: table => new
                {
                    Partition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WindowEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rate_limit_windows", x => x.Partition);
                });

            migrationBuilder.CreateTable(
                name: "service_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "service_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "simulated_sms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulated_sms", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_issued_certificates_CaName_RevokedAt",
                table: "issued_certificates",
                columns: new[] { "CaName", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_prepared_device_signatures_CaseId_PartyId",
                table: "prepared_device_signatures",
                columns: new[] { "CaseId", "PartyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_prepared_device_signatures_ExpiresAt",
                table: "prepared_device_signatures",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_rate_limit_windows_WindowEnd",
                table: "rate_limit_windows",
                column: "WindowEnd");

            migrationBuilder.CreateIndex(
                name: "IX_simulated_sms_Phone_Id",
                table: "simulated_sms",
                columns: new[] { "Phone", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issued_certificates");

            migrationBuilder.DropTable(
                name: "prepared_device_signatures");

            migrationBuilder.DropTable(
                name: "rate_limit_windows");

            migrationBuilder.DropTable(
                name: "service_leases");

            migrationBuilder.DropTable(
                name: "service_secrets");

            migrationBuilder.DropTable(
                name: "simulated_sms");

            migrationBuilder.DropIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "idempotency_records");
        }
    }
}
