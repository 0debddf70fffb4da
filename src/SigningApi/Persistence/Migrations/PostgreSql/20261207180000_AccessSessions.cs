using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneThing.SigningApi.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AccessSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AccessLinkId",
                table: "case_parties",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentitySessionHash",
                table: "access_links",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessLinkId",
                table: "case_parties");

            migrationBuilder.DropColumn(
                name: "IdentitySessionHash",
                table: "access_links");
        }
    }
}
