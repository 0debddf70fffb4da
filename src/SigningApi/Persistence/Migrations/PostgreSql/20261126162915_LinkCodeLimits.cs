using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LinkCodeLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CodeFailures",
                table: "access_links",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CodesSent",
                table: "access_links",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeFailures",
                table: "access_links");

            migrationBuilder.DropColumn(
                name: "CodesSent",
                table: "access_links");
        }
    }
}
