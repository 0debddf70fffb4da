using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StoredRevisionSha256Index : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_document_revisions_Sha256",
                table: "document_revisions",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_document_revisions_Sha256",
                table: "document_revisions");
        }
    }
}
