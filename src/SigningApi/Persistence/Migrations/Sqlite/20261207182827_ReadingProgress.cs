using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadingProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reading_progress",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentKind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PagesRead = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reading_progress", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reading_progress_CaseId",
                table: "reading_progress",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_reading_progress_PartyId_DocumentKind_Revision",
                table: "reading_progress",
                columns: new[] { "PartyId", "DocumentKind", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reading_progress");
        }
    }
}
